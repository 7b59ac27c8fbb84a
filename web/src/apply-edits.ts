/**
 * Runs an EditPlan (web/src/proposal-edits.ts) against the API: the incidents first (new acts
 * get their ids), then the claims (speakers and relays found by name in the collection, or
 * recorded), then the acts left without claims are removed. A refused request does not stop the
 * others that do not depend on it; every refusal is collected, each field error under the field
 * of the form it belongs to, and thrown together as EditErrors.
 */
import { api, isApiError } from './api/client.js';
import type { Actor, ActInput, ClaimPatch, Incident } from './api/types.js';
import { fieldFor, type EditPlan, type PathMap, type SpeakerChange } from './proposal-edits.js';
import type { ItemKey } from './review-plan.js';

export interface GeneralError {
  /** The proposal the message is about, when known. */
  readonly key: ItemKey | null;
  readonly message: string;
}

export class EditErrors extends Error {
  constructor(
    /** By field path of the form (`i1.count.value`). */
    readonly fields: Readonly<Record<string, string>>,
    readonly general: readonly GeneralError[],
  ) {
    super('some changes were not saved');
    this.name = 'EditErrors';
  }
}

export interface ApplyOptions {
  /** The collection the source was stored in (actors are found and recorded there). */
  readonly collectionId: string;
  /** The note on an actor recorded from a reviewer's change. */
  readonly actorNote: string;
}

const actInput = (a: Incident['acts'][number]): ActInput => ({
  id: a.id,
  type: a.type,
  victims: a.victims,
  perpetrators: a.perpetrators,
  date: a.date,
  placeId: a.placeId,
  involvements: a.involvements,
});

export async function applyEditPlan(plan: EditPlan, opts: ApplyOptions): Promise<void> {
  const fields: Record<string, string> = {};
  const general: GeneralError[] = [];
  const fail = (e: unknown, owner: ItemKey, paths: PathMap): void => {
    if (!isApiError(e)) {
      general.push({ key: owner, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    for (const f of e.fields) {
      const field = f.path === '(root)' ? null : fieldFor(paths, f.path);
      if (field) fields[field] = fields[field] ? `${fields[field]}; ${f.message}` : f.message;
      else general.push({ key: owner, message: f.path === '(root)' ? f.message : `${f.path}: ${f.message}` });
    }
    if (e.fields.length === 0) general.push({ key: owner, message: e.message });
  };

  const incidents = new Map<string, Incident>();
  const failed = new Set<string>();
  const newActIds = new Map<string, string>();
  for (const step of plan.incidents) {
    try {
      const res = await api.incidents.update(step.incidentId, step.body);
      incidents.set(res.id, res);
      const before = new Set((step.body.acts ?? []).map((a) => a.id).filter(Boolean));
      for (const type of step.newActTypes) {
        const act = res.acts.find((a) => a.type === type && !before.has(a.id));
        if (act) newActIds.set(`${step.incidentId}:${type}`, act.id);
      }
    } catch (e) {
      failed.add(step.incidentId);
      fail(e, step.owner, step.paths);
    }
  }

  // Actors by kind and name, looked up (or recorded) once for the whole save.
  const actors = new Map<string, Promise<{ actor: Actor; created: boolean }>>();
  const actor = (name: string, kind: 'person' | 'organisation', extra: { parentId?: string | null; role?: string | null; organisationType?: 'media' | null }) => {
    const key = `${kind}:${name.toLowerCase()}`;
    let p = actors.get(key);
    if (!p) {
      p = (async () => {
        const found = (await api.actors.list({ name, kind, collectionId: opts.collectionId, limit: 50 })).items.find(
          (a) => a.name.toLowerCase() === name.toLowerCase() || a.nameRu?.toLowerCase() === name.toLowerCase(),
        );
        if (found) return { actor: found, created: false };
        const created = await api.actors.create({
          collectionId: opts.collectionId,
          kind,
          name,
          parentId: extra.parentId ?? null,
          role: kind === 'person' ? (extra.role ?? null) : null,
          organisationType: kind === 'organisation' ? (extra.organisationType ?? null) : null,
          notes: opts.actorNote,
        });
        return { actor: created, created: true };
      })();
      p.catch(() => actors.delete(key));
      actors.set(key, p);
    }
    return p;
  };
  const speakers = new Map<ItemKey, Promise<{ speakerId: string | null; speakerRole: string | null }>>();
  const speakerOf = (key: ItemKey, s: SpeakerChange) => {
    let p = speakers.get(key);
    if (!p) {
      p = (async () => {
        const org = s.organisation ? (await actor(s.organisation, 'organisation', {})).actor : null;
        if (!s.speaker) return { speakerId: org?.id ?? null, speakerRole: s.role || null };
        const person = await actor(s.speaker, 'person', { parentId: org?.id ?? null, role: s.role || null });
        if (!person.created) {
          const change: { parentId?: string | null; role?: string | null } = {};
          if (s.organisationChanged && person.actor.parentId !== (org?.id ?? null)) change.parentId = org?.id ?? null;
          if (s.roleChanged && (person.actor.role ?? '') !== s.role) change.role = s.role || null;
          if (Object.keys(change).length > 0) await api.actors.update(person.actor.id, change);
        }
        return { speakerId: person.actor.id, speakerRole: null };
      })();
      speakers.set(key, p);
    }
    return p;
  };

  for (const step of plan.claims) {
    let patch: ClaimPatch = step.patch;
    if (step.newAct) {
      if (failed.has(step.newAct.incidentId)) continue;
      const actId = newActIds.get(`${step.newAct.incidentId}:${step.newAct.type}`);
      if (!actId) {
        general.push({ key: step.owner, message: `${step.newAct.type}: the new act was not found` });
        continue;
      }
      patch = { ...patch, incidentId: step.newAct.incidentId, actId };
    }
    try {
      if (step.speaker && step.statementKey) {
        const key = step.statementKey;
        const names: PathMap = [
          ['name', step.speaker.speaker ? `${key}.speaker` : `${key}.organisation`],
          ['role', `${key}.role`],
        ];
        try {
          patch = { ...patch, ...(await speakerOf(key, step.speaker)) };
        } catch (e) {
          fail(e, key, names);
          continue;
        }
      }
      if (step.relay !== undefined) {
        try {
          patch = { ...patch, relayId: step.relay ? (await actor(step.relay, 'organisation', { organisationType: 'media' })).actor.id : null };
        } catch (e) {
          fail(e, step.owner, [['name', `${step.statementKey ?? step.owner}.relay`]]);
          continue;
        }
      }
      await api.claims.update(step.claimId, patch);
    } catch (e) {
      fail(e, step.owner, step.paths);
    }
  }

  for (const step of plan.cleanups) {
    if (failed.has(step.incidentId) || general.length > 0 || Object.keys(fields).length > 0) continue;
    try {
      const current = incidents.get(step.incidentId) ?? (await api.incidents.view(step.incidentId)).incident;
      const drop = new Set(step.dropActIds);
      if (!current.acts.some((a) => drop.has(a.id))) continue;
      await api.incidents.update(step.incidentId, { acts: current.acts.filter((a) => !drop.has(a.id)).map(actInput) });
    } catch (e) {
      fail(e, step.owner, []);
    }
  }

  if (general.length > 0 || Object.keys(fields).length > 0) throw new EditErrors(fields, general);
}
