#!/usr/bin/env bash
# The long crash soak (issue 10): Crm.Local sends SMS campaigns through its Solapi adapter to a stub of
# Solapi and is killed (SIGKILL) again and again while sending, once as is and once with half of the
# provider's answers lost after it did the work. Passes when every recipient reached the provider
# exactly once, each batch was charged once, the ledger sums to the balance and the campaign's
# counters equal its history. The test suite runs a short version (3,000 recipients, 2 kills).
#   scripts/crash-soak.sh [recipients] [kills] [seed]      defaults: 20000 10 42
set -euo pipefail
cd "$(dirname "$0")/.."
export CRM_SOAK_RECIPIENTS="${1:-20000}" CRM_SOAK_KILLS="${2:-10}" CRM_SOAK_SEED="${3:-42}"
echo "Crash soak: $CRM_SOAK_RECIPIENTS recipients, $CRM_SOAK_KILLS kills, seed $CRM_SOAK_SEED"
dotnet test tests/Crm.Tests/Crm.Tests.csproj --filter "FullyQualifiedName~CrashSoakTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -vE '^\s+at ' | grep -E 'kill [0-9]+ at|recipients, .* kills|Passed|Failed|Error Message|Sent more|Still' 
