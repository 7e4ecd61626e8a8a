// Data-plane roles for the function app's user-assigned identity. A separate module so the role
// assignment names (guid of scope, principal and role) are computable when this deployment starts:
// the principal id arrives as a parameter rather than as another resource's runtime output.

@description('Object (principal) id of the user-assigned identity.')
param principalId string

param storageAccountName string

param applicationInsightsName string

param keyVaultName string

// Built-in role definition ids.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// Blob Data Owner (not Contributor): the host manages blob leases for singleton timers and
// Durable, and Flex Consumption reads the deployment package with this identity. Queue and Table
// Data Contributor: the CRM's queues and tables, and Durable's control/work-item queues and
// history/instance tables.
var storageRoles = [
  storageBlobDataOwner
  storageQueueDataContributor
  storageTableDataContributor
]

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storageAccount.id, principalId, roleId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      // Declared so ARM does not look the principal up in Entra ID, which can fail for an
      // identity created seconds earlier (replication delay).
      principalType: 'ServicePrincipal'
    }
  }
]

// Application Insights has local auth disabled; this role lets the identity send telemetry.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, principalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Read-only access to secret values: what Key Vault references need, nothing more.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, principalId, keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
