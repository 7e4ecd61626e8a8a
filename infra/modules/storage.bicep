// The CRM's one storage account: the app's tables and queues (connection "Storage"), the
// Functions host and the Durable task hub (AzureWebJobsStorage), and the Flex Consumption
// deployment package. Every caller signs in with Microsoft Entra ID; no key exists to leak.

@description('Storage account name: 3-24 lowercase letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

param location string

param tags object

@description('Replication. LRS is enough for dev; ZRS keeps campaigns and outcomes through a zone outage.')
param skuName string

@description('Blob container that holds the zipped app for Flex Consumption deployments.')
param deploymentContainerName string

@description('Tables the CRM uses (Crm.Storage.Clients.TableNames.All).')
param tableNames string[]

@description('Queues the CRM uses, each with its "-poison" queue.')
param queueNames string[]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    // Identity only: the app, the host, Durable and the deployment all use the managed identity,
    // so account keys (and connection strings built from them) are switched off.
    allowSharedKeyAccess: false
    // Makes the portal's data browser use Entra ID too, since keys are off.
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // The app is not VNet-integrated, so it reaches storage over the public endpoint; access is
    // still gated by Entra ID and RBAC. Lock this down with private endpoints if we add a VNet.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// Created here so they exist before the first instance starts: the queue triggers and the
// poison queues are then visible (and alertable) from day one. The app's StorageInitializer
// still creates them if missing; both are idempotent.
resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

output name string = account.name
output id string = account.id
// Endpoints end with '/', e.g. https://<name>.blob.core.windows.net/
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
