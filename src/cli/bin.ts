// Entry of dist/cli/lede.js: runs the command line and sets the exit code.
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
