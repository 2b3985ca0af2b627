#!/usr/bin/env bash
# Rebuilds the initial migrations for both providers from the current model, then the compiled models each
# provider's context loads at start (Data/CompiledModels; tests/Masthead.Tests/Data/ModelTests fails when they
# drift from the model in the code).
# Until the first release the schema ships as one "Initial" migration per provider; after it,
# add migrations instead: dotnet ef migrations add NAME --context SqliteMastheadDb -o Data/Migrations/Sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# A stale compiled model may not even compile against the changed entities: the model is built from the code
# without it.
rm -rf src/Masthead/Data/Migrations src/Masthead/Data/CompiledModels
for ctx in Sqlite Postgres; do
  dotnet ef migrations add Initial --project src/Masthead --context "${ctx}MastheadDb" \
    --output-dir "Data/Migrations/${ctx}"
done
for ctx in Sqlite Postgres; do
  dotnet ef dbcontext optimize --project src/Masthead --context "${ctx}MastheadDb" \
    --output-dir "Data/CompiledModels/${ctx}" --namespace "Masthead.Data.CompiledModels.${ctx}"
done
rm -f src/Masthead/design.db
