/**
 * The notice kinds a customer can choose for email (lifecycle.md, Notices): every kind of the
 * notices catalogue, in its message-center groups, with the catalogue's labels, so nothing is
 * copied and a new kind shows up here by itself. Account-status kinds are listed so the page
 * can show them as always on.
 */
import { NOTICE_KIND_LABEL } from '@/lib/notices/catalogue';
import { NOTICE_GROUPS, NOTICE_GROUP_LABEL, NOTICE_KINDS, type NoticeGroup, type NoticeKind } from '@/lib/notices/kinds';
import { isAccountStatusKind } from './rules';

export type EmailKindGroup = {
  /** The message-center group; pages name it in their language (messages `messageCenter.groups`). */
  group: NoticeGroup;
  label: string;
  alwaysOn: boolean;
  kinds: { kind: NoticeKind; label: string }[];
};

export const EMAIL_KIND_GROUPS: EmailKindGroup[] = (Object.keys(NOTICE_GROUPS) as NoticeGroup[]).map((g) => {
  const kinds = NOTICE_GROUPS[g] as readonly NoticeKind[];
  const alwaysOn = kinds.every(isAccountStatusKind);
  return {
    group: g,
    label: NOTICE_GROUP_LABEL[g],
    alwaysOn,
    kinds: kinds.map((kind) => ({ kind, label: NOTICE_KIND_LABEL[kind] })),
  };
});

export const EMAIL_KINDS: readonly string[] = NOTICE_KINDS;
