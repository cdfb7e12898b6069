/** `q` with decisions not yet written to the outputs: write first, quit anyway, or stay. */
import { Text } from 'ink';
import { Clip } from './Clip.js';
import { firstLines, wrapWords } from '../format.js';
import { decisionsAre, quitNote } from '../unwrittenWords.js';
import type { ReviewState } from '../state/review.js';

export function QuitConfirm({ review, width, height }: { review: ReviewState; width: number; height: number }) {
  const n = review.unwritten;
  const title = wrapWords(`Quit? ${decisionsAre(n)} not written to the outputs yet.`, width);
  const note = wrapWords(quitNote(`${review.model.outDir}/decisions.csv`, review.model.outDir, review.journalFault, review.journaled), width);
  // on a small terminal the blank lines go first, then the note is cut (ending in …), never the choices
  const spaced = title.length + 3 + 2 + note.length <= height;
  const blank = spaced ? <Text> </Text> : null;
  return (
    <Clip width={width} height={height}>
      <Text bold>{firstLines(title, Math.max(1, height - 3), width).join('\n')}</Text>
      {blank}
      <Text><Text bold>w</Text>{'    write the outputs, then quit'}</Text>
      <Text><Text bold>q</Text>{'    quit without writing'}</Text>
      <Text><Text bold>Esc</Text>{'  keep reviewing'}</Text>
      {blank}
      <Text>{firstLines(note, height - title.length - 3 - (spaced ? 2 : 0), width).join('\n')}</Text>
    </Clip>
  );
}
