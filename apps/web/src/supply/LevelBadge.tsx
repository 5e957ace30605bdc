import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SupplyLevel } from '../api/views';
import { BADGE } from '../shared/colours';
import { LEVEL_COLOURS } from './figures';

export function LevelBadge({ level }: { level: SupplyLevel | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      autoContrast
      color={level ? LEVEL_COLOURS[level] : BADGE.neutral}
      data-level={level ?? 'unknown'}
    >
      {t(`level.${level ?? 'unknown'}`)}
    </Badge>
  );
}
