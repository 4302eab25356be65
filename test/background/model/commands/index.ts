// The store's commands for the model-based test; sync's commands join them here (see ../README in the report).
import * as fc from 'fast-check';
import { ADDRESSES, type Model } from '../model.js';
import type { World } from '../world.js';
import { DeleteCommand } from './delete.js';
import { ImportCommand } from './import.js';
import { MenuAddCommand } from './menu-add.js';
import { MoveCommand } from './move.js';
import { OpenCommand } from './open.js';
import { RestartCommand } from './restart.js';
import { SaveCommand } from './save.js';
import { UndoCommand } from './undo.js';

const address = fc.constantFrom(...ADDRESSES);
const actor = fc.constantFrom('popup' as const, 'library' as const);

const open = fc.tuple(actor, address).map(([who, at]) => new OpenCommand(who, at));
const save = fc.tuple(actor, fc.constantFrom('title' as const, 'quality' as const)).map(([who, field]) => new SaveCommand(who, field));

/** Each entry is picked as often as any other: opening and saving, the everyday pair, are listed twice. */
export const storeCommands: Array<fc.Arbitrary<fc.AsyncCommand<Model, World>>> = [
  open, open, save, save,
  fc.tuple(address, fc.constantFrom('no' as const, 'fresh' as const, 'stale' as const)).map(([to, merge]) => new MoveCommand(to, merge)),
  fc.tuple(address, fc.boolean(), fc.boolean()).map(([at, during, again]) => new MenuAddCommand(at, during, again)),
  fc.constant(new UndoCommand()),
  fc.tuple(address, fc.constantFrom('old' as const, 'new' as const)).map(([at, when]) => new ImportCommand(at, when)),
  address.map((at) => new DeleteCommand(at)),
  fc.constant(new RestartCommand()),
];
