// Development: the smallest footprint that still runs the whole flow.
// az deployment group create -g <dev resource group> -f infra/main.bicep -p infra/dev.bicepparam
using './main.bicep'

param environmentName = 'crm-dev'

// Default size; 40 is the lowest maximum scale Flex Consumption accepts.
param instanceMemoryMB = 2048
param maximumInstanceCount = 40

param storageSkuName = 'Standard_LRS'

// Short retention and no purge protection: dev vaults are torn down and recreated.
param keyVaultSoftDeleteRetentionInDays = 7
param keyVaultEnablePurgeProtection = false
