import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Menu, type MenuItem } from '../../components/ui/menu.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { viewApi, type SavedView } from '@kith/domain/views/saved-view.api.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import type { ListState } from './list-state.ts';
import { Icon } from '../../components/ui/icons.tsx';

/** Saved views of a list: apply one, save the current state as a new one (personal or shared), delete. */
export function ViewsMenu({
  entity,
  current,
  activeId,
  onApply,
}: {
  entity: 'contacts' | 'companies';
  current: ListState;
  activeId: string | null;
  onApply: (v: SavedView | null) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const views = useQuery({ queryKey: ['views', entity], queryFn: async () => (await call(viewApi.list, { query: { entity } })).data.data });
  const save = useMutation({
    mutationFn: () =>
      call(viewApi.create, {
        body: {
          entity,
          name,
          shared,
          config: {
            ...(current.q ? { q: current.q } : {}),
            filters: current.filters,
            ...(current.sort ? { sort: current.sort } : {}),
            columns: current.columns,
          },
        },
      }).then((r) => r.data),
    onSuccess: (v) => {
      void qc.invalidateQueries({ queryKey: ['views', entity] });
      setSaving(false);
      setName('');
      onApply(v);
      notify(t('views.saved', { name: v.name }));
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(viewApi.remove, { params: { id } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['views', entity] });
      onApply(null);
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const active = views.data?.find((v) => v.id === activeId);
  const items: MenuItem[] = [
    { key: 'all', label: t('views.all'), onSelect: () => onApply(null) },
    ...(views.data ?? []).map((v) => ({ key: v.id, label: `${v.name}${v.shared ? ` · ${t('views.sharedTag')}` : ''}`, onSelect: () => onApply(v) })),
    { key: 'sep', separator: true as const },
    { key: 'save', label: t('views.saveCurrent'), onSelect: () => setSaving(true) },
    ...(active && (active.mine || can('views.manage'))
      ? [{ key: 'delete', label: t('views.delete', { name: active.name }), danger: true, onSelect: () => remove.mutate(active.id) }]
      : []),
  ];
  return (
    <>
      <Menu
        label={
          <>
            <Icon name="chevronDown" /> {active ? active.name : t('views.all')}
          </>
        }
        items={items}
      />
      <Dialog
        open={saving}
        onClose={() => setSaving(false)}
        title={t('views.saveTitle')}
        footer={
          <>
            <Button onClick={() => setSaving(false)}>{t('common.cancel')}</Button>
            <Button variant="primary" busy={save.isPending} onClick={() => save.mutate()}>
              {t('common.save')}
            </Button>
          </>
        }
      >
        <TextField label={t('views.name')} value={name} autoFocus onChange={(e) => setName(e.target.value)} error={fieldError(save.error, '/name')} />
        {can('views.share') && (
          <label className="row">
            <input type="checkbox" className="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            {t('views.shareWithWorkspace')}
          </label>
        )}
        {save.isError && !fieldError(save.error, '/name') && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
      </Dialog>
    </>
  );
}
