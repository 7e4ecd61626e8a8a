// Production: what the pipelines deploy (.github/workflows/ci.yml, azure-pipelines.yml).
// az deployment group create -g <prod resource group> -f infra/main.bicep -p infra/prod.bicepparam
using './main.bicep'

param environmentName = 'crm-prod'

// Larger instances (more CPU per send batch) and room to scale out for big campaigns.
param instanceMemoryMB = 4096
param maximumInstanceCount = 100

param storageSkuName = 'Standard_ZRS'

// Deleted secrets stay recoverable for 90 days and cannot be purged early.
param keyVaultSoftDeleteRetentionInDays = 90
param keyVaultEnablePurgeProtection = true
