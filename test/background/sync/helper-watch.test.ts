// The helper's watch as sync trusts it: a pass asks no stamp while the watch vouches; a lost event (`gap`), an
// ended watch or a new helper process means the next pass asks every stamp again, as with Chrome's watch.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { helperWatch } from '../../../src/background/sync/helper-watch.js';
import { helperState } from '../../../src/background/sync/helper-port.js';
import { NativeFolder } from '../../../src/background/sync/native-folder.js';
import { localRules } from '../../../src/background/sync/rules.js';
import { SyncService } from '../../../src/background/sync/service.js';
import { encodeFrame } from '../../../src/host/frame.js';
import { HOST_MESSAGE_MAX } from '../../../src/shared/helper-protocol.js';
import { allowedFolder, connectInProcess } from '../../host/harness.js';
import { saveNow } from '../fakes.js';
import { record, syncWorld } from './setup.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('the helper’s watch and the stamps a pass asks', () => {
  it('vouches once a pass asked every stamp under it; a gap, an ended watch or a restarted helper undoes that', async () => {
    const world = syncWorld();
    const { base, configPath } = allowedFolder();
    const live = connectInProcess(configPath, { timeoutMs: 3000 });
    cleanups.push(() => {
      live.connection.close();
      rmSync(base, { recursive: true, force: true });
    });
    let generation = '';
    // eslint-disable-next-line prefer-const
    let service: SyncService;
    const watch = helperWatch(live.connection, async () => 'notes', (report) => {
      generation = report.generation;
      void service.observed(report);
    });
    service = new SyncService({
      state: world.state, library: world.library, rules: localRules, folder: async () => null,
      downloads: () => null, schedule: async () => undefined,
      helper: { folder: (id) => new NativeFolder(live.connection, id, id), watch, hello: () => helperState(live.connection) },
    });
    for (let i = 0; i < 5; i++) await saveNow(world.store, record(`Watched ${i}`));
    await service.choose('helper', 'notes');
    await service.kick(false);
    const pass = async () => {
      await service.kick(true);
      return (await service.status()).lastRun!.statted;
    };
    expect(await pass()).toBe(5);
    expect(await pass()).toBe(0);

    // The helper says it lost events (fs.watch gave no name): every stamp again, then trusted again.
    const current = (await watch.start())!;
    const event = (e: object) => live.current()!.helper.output.write(encodeFrame(e, HOST_MESSAGE_MAX));
    event({ event: 'gap', folder: 'notes', generation: current });
    await new Promise((r) => setTimeout(r, 50));
    expect(generation).toBe(current);
    expect(await pass()).toBe(5);
    expect(await pass()).toBe(0);

    // The watch ended (the folder went away and came back, say).
    event({ event: 'ended', folder: 'notes', generation: current, error: 'the folder is gone' });
    await new Promise((r) => setTimeout(r, 50));
    expect(await pass()).toBe(5);

    // The helper process restarted: a new watch, a new generation, nothing vouched for.
    expect(await pass()).toBe(0);
    await live.kill();
    expect(await pass()).toBe(5);
    expect(await watch.start()).not.toBe(current);
    expect(await pass()).toBe(0);
  });
});
