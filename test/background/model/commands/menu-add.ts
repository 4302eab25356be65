// "Add link to Lede as related" on a saved page; with `editDuring`, the popup saves an edit while the link is read.
import type * as fc from 'fast-check';
import { expect } from 'vitest';
import { addLinkAsRelated } from '../../../../src/background/related-menu.js';
import { addRelated, blankRelated } from '../../../../src/related/list.js';
import { acknowledged, invariants, token, type Model } from '../model.js';
import { POPUP, type World } from '../world.js';

let links = 0;

export class MenuAddCommand implements fc.AsyncCommand<Model, World> {
  constructor(readonly address: string, readonly editDuring: boolean, readonly sameLinkAgain: boolean) {}

  check(model: Model): boolean {
    return model.rows.has(this.address);
  }

  async run(model: Model, world: World): Promise<void> {
    const link = `https://links.example/${this.sameLinkAgain ? links : ++links}`;
    const edit = token('edited during the fetch');
    if (this.editDuring) {
      world.duringFetch = async () => {
        const now = (await world.store.get(this.address))!;
        const saved = await world.handlers['library/save']({ record: { ...now.record, title: edit }, previousId: now.id, revision: now.revision }, POPUP);
        if (!saved.ok) throw new Error('the edit during the fetch was refused');
        acknowledged(model, saved.stored, { ...model.rows.get(this.address)!.record, title: edit });
      };
    }
    const outcome = await addLinkAsRelated(world.handlers, world.store, world.related(), { id: 9, url: this.address }, { url: link, text: `Link ${links}` });
    const before = model.rows.get(this.address)!;
    const entry = { ...blankRelated(link, 50), title: `Link ${links}` };
    const { related, added } = addRelated(before.record, entry);
    expect(outcome).toMatchObject({ ok: true, added });
    if (added) acknowledged(model, (await world.store.get(this.address))!, { ...before.record, related });
    await invariants(model, world);
  }

  toString(): string {
    return `menuAdd(${this.address}${this.editDuring ? ', a popup edit during the fetch' : ''}${this.sameLinkAgain ? ', the same link again' : ''})`;
  }
}
