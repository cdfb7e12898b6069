/**
 * A fixed-size area whose content keeps its natural height and is cut at the bottom when too
 * tall (a plain Box would squeeze its children instead, dropping lines from the middle).
 */
import { Box } from 'ink';
import type { ReactNode } from 'react';

export function Clip({ width, height, children }: { width?: number; height: number; children: ReactNode }) {
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
      <Box flexDirection="column" flexShrink={0}>
        {children}
      </Box>
    </Box>
  );
}
