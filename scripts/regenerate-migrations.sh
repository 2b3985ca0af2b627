#!/usr/bin/env bash
# Rebuilds the initial migrations for both providers from the current model.
# Until the first release the schema ships as one "Initial" migration per provider; after it,
# add migrations instead: dotnet ef migrations add NAME --context SqliteMastheadDb -o Data/Migrations/Sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf src/Masthead/Data/Migrations
for ctx in Sqlite Postgres; do
  dotnet ef migrations add Initial --project src/Masthead --context "${ctx}MastheadDb" \
    --output-dir "Data/Migrations/${ctx}"
done
rm -f src/Masthead/design.db
