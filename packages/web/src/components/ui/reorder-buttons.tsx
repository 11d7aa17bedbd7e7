import { Button } from './button.tsx';
import { Icon } from './icons.tsx';

/** Move up, move down and remove, for one item of an editable list (survey questions, playbook steps). */
export function ReorderButtons({
  n,
  count,
  onMove,
  onRemove,
  labels,
}: {
  n: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  labels: { up: string; down: string; remove: string };
}) {
  return (
    <span className="row" style={{ gap: 2 }}>
      <Button size="sm" variant="ghost" icon disabled={n === 1} onClick={() => onMove(-1)} aria-label={labels.up}>
        ↑
      </Button>
      <Button size="sm" variant="ghost" icon disabled={n === count} onClick={() => onMove(1)} aria-label={labels.down}>
        ↓
      </Button>
      <Button size="sm" variant="ghost" icon disabled={count === 1} onClick={onRemove} aria-label={labels.remove}>
        <Icon name="close" />
      </Button>
    </span>
  );
}
