// Key Vault for the messaging providers' and payment gateway's credentials (none exist yet). The app reads them through
// Key Vault references in its app settings, resolved by the platform with the app's user-assigned
// identity (Key Vault Secrets User). Secrets are set out of band, never in Bicep or parameters.

@description('Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

param location string

param tags object

@description('Days a deleted vault or secret stays recoverable (7-90). Set at creation; cannot be changed later.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Purge protection. Irreversible once enabled.')
param enablePurgeProtection bool

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Azure RBAC instead of access policies: the same role model as storage and monitoring.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service accepts only true (or no value) here, so "off" is expressed as null.
    enablePurgeProtection: enablePurgeProtection ? true : null
    // Key Vault references from a Flex Consumption app cannot reach a network-restricted vault,
    // so the vault stays on its public endpoint, guarded by Entra ID and RBAC.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

output name string = vault.name
// Ends with '/', e.g. https://<name>.vault.azure.net/
output uri string = vault.properties.vaultUri
