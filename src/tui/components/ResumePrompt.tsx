/** An earlier session left decisions in the journal: restore them, or start over. */
import { Text } from 'ink';
import { Clip } from './Clip.js';
import { count } from '../format.js';
import { noun } from '../../domain/plural.js';
import { keysSaid } from '../keys.js';

export function ResumePrompt({ entries, journal, width, height }: { entries: number; journal: string; width: number; height: number }) {
  return (
    <Clip width={width} height={height}>
      <Text wrap="wrap">{`${journal} holds decisions from an earlier review.`}</Text>
      <Text> </Text>
      <Text bold>{`Resume ${count(entries)} ${noun(entries, 'decision')}? (y/n)`}</Text>
      <Text> </Text>
      <Text><Text bold>{keysSaid('resume-yes')}</Text>{'  restore them and go on'}</Text>
      <Text><Text bold>{keysSaid('resume-no')}</Text>{'  start over (the old journal is kept as decisions.csv.bak)'}</Text>
      <Text dimColor>{`${keysSaid('abort')} quits, the journal left as it is`}</Text>
    </Clip>
  );
}
