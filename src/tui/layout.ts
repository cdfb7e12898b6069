/**
 * Where each part of the review screen goes for a terminal size. The frame is never taller
 * than rows − 1 (Ink redraws the whole screen otherwise); wide terminals put the list and the
 * detail side by side, others stack them.
 */
export const MIN_COLUMNS = 50;
export const MIN_ROWS = 12;
/** Wider than this: list and detail side by side. */
export const SIDE_BY_SIDE_COLUMNS = 150;

export interface Layout {
  readonly mode: 'stacked' | 'side' | 'too-small';
  /** Lines of the whole frame (rows − 1) and its width. */
  readonly height: number;
  readonly width: number;
  /** The user list: its size in lines (the column header included) and the user rows it shows. */
  readonly listHeight: number;
  readonly listWidth: number;
  readonly listRows: number;
  readonly detailHeight: number;
  readonly detailWidth: number;
}

/** Stacked, the detail gets this many lines, or half the body on a tall terminal: the rest goes to the list. */
const DETAIL_MAX = 18;

/** Lines outside the list and the detail: queue tabs, message line, hint bar. */
const CHROME = 3;

export function layoutFor(columns: number, rows: number): Layout {
  const height = Math.max(1, rows - 1);
  const width = Math.max(1, columns);
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return { mode: 'too-small', height, width, listHeight: 0, listWidth: 0, listRows: 1, detailHeight: 0, detailWidth: 0 };
  }
  const body = height - CHROME;
  if (columns >= SIDE_BY_SIDE_COLUMNS) {
    const listWidth = Math.floor(width * 0.42);
    return {
      mode: 'side', height, width,
      listHeight: body, listWidth, listRows: body - 1,
      // (a rule and a space between them: "2/17" ran into "user 31 ·" with a space alone)
      detailHeight: body, detailWidth: width - listWidth - 2,
    };
  }
  // stacked, with a divider line: the detail gets up to DETAIL_MAX lines, the list a third or more
  const detailHeight = Math.min(Math.max(DETAIL_MAX, Math.floor(body / 2)), body - 1 - Math.max(4, Math.floor((body - 1) / 3)));
  const listHeight = body - 1 - detailHeight;
  return {
    mode: 'stacked', height, width,
    listHeight, listWidth: width, listRows: listHeight - 1,
    detailHeight, detailWidth: width,
  };
}
