import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { COMMAND_MODULES, commandOf } from './commands.ts';

test('each command module registers exactly the top-level commands listed for it', async () => {
  for (const m of COMMAND_MODULES) {
    const p = new Command();
    (await m.load())(p);
    assert.deepEqual(p.commands.map((c) => c.name()).sort(), [...m.names].sort());
  }
});

test('the command of a command line, past the program’s own options', () => {
  assert.equal(commandOf(['--data-dir', 'd', 'import', 'contacts', 'x.csv']), 'import');
  assert.equal(commandOf(['--log-level=debug', 'analytics', 'clv', 'f']), 'analytics');
  assert.equal(commandOf(['--help']), null);
  assert.equal(commandOf([]), null);
});
