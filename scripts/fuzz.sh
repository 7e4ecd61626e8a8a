#!/usr/bin/env bash
# The long API fuzz run (issue 11), for release checks: generated bad and edge requests over every
# HTTP route of the catalog against Crm.Local; passes when none got a 5xx or no answer within 30 s,
# none leaked a type name or stack trace, and the watched tenant's ledger did not move. The suite
# runs 2,000 requests with a fixed seed; this runs more, with a new seed each time unless given one
# (a failure prints its seed: pass it back to replay the same requests).
#   scripts/fuzz.sh [requests] [seed]      defaults: 50000 random
set -euo pipefail
cd "$(dirname "$0")/.."
export CRM_FUZZ_REQUESTS="${1:-50000}" CRM_FUZZ_SEED="${2:-random}"
echo "API fuzz: $CRM_FUZZ_REQUESTS requests, seed $CRM_FUZZ_SEED"
dotnet test tests/Crm.Tests/Crm.Tests.csproj --filter "FullyQualifiedName~ApiFuzzTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -vE '^\s+at ' | grep -E 'Seed |Passed|Failed|Error Message|←|^\s{3}\{' 
