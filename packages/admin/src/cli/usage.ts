export const USAGE = `Usage: or-admin <command> [options]

Commands:
  plan -f <state.yaml> [--prune]         show what apply would change
  apply -f <state.yaml> [--prune] [--yes] [--secrets-out <file>]
                                         make the account match the state
  keys list [--workspace <slug>] [--include-disabled] [--limit <n>]
  keys rotate <hash|name> [--delete-old] [--secrets-out <file>]
                                         replace a key; the old one is retired only
                                         once the new secret is stored or shown
  keys delete <hash|name> [--yes]        delete a key (asks first)
  guardrails list [--workspace <slug>] [--limit <n>]
  export [-o <state.yaml>] [--workspace <slug>] [--force]
                                         write the account as a state file (stdout without -o)

Options:
  -f, --file <path>       desired state, YAML or JSON
  --prune                 delete what the state does not list
  -y, --yes               apply without asking
  --secrets-out <file>    append the secrets of new keys to this file (mode 0600, one JSON
                          line each, written as each key is created) instead of stdout
  --json                  machine-readable output on stdout
  --base-url <url>        API base (default $OPENROUTER_BASE_URL or https://openrouter.ai/api/v1)
  --concurrency <n>       requests in flight at once (default 8)
  -o, --output <file>     export: write here (.json for JSON); never over a file without --force
  --force                 export: write over an existing file
  -v, --version           print the version
  -h, --help              this text

The management key is read from OPENROUTER_MANAGEMENT_KEY, else OPENROUTER_API_KEY.
A state file starts with "version: 1". OR_ADMIN_DEBUG=1 adds stack traces to errors.
Exit codes: 0 success and no changes, 2 plan found changes, 1 error (or apply declined),
130/143 stopped by SIGINT/SIGTERM (after finishing the requests in flight and saving secrets).`;
