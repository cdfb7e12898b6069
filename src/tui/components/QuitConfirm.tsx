/** `q` with decisions not yet written to the outputs: write first, quit anyway, or stay. */
import { Text } from 'ink';
import { Clip } from './Clip.js';
import { decisionsAre, quitNote } from '../unwrittenWords.js';
import type { ReviewState } from '../state/review.js';

export function QuitConfirm({ review, width, height }: { review: ReviewState; width: number; height: number }) {
  const n = review.unwritten;
  return (
    <Clip width={width} height={height}>
      <Text bold wrap="wrap">{`Quit? ${decisionsAre(n)} not written to the outputs yet.`}</Text>
      <Text> </Text>
      <Text><Text bold>w</Text>{'    write the outputs, then quit'}</Text>
      <Text><Text bold>q</Text>{'    quit without writing'}</Text>
      <Text><Text bold>Esc</Text>{'  keep reviewing'}</Text>
      <Text> </Text>
      {/* last: on a small terminal this is what the height cuts, not the choices */}
      <Text wrap="wrap">{quitNote(`${review.model.outDir}/decisions.csv`, review.model.outDir, review.journalFault, review.journaled)}</Text>
    </Clip>
  );
}
