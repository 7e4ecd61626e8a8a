// The Flex Consumption plan and the function app (Linux, .NET 10 isolated worker). The app runs as
// the user-assigned identity for everything: storage, the deployment package, Application
// Insights and Key Vault references.

param name string

param planName string

param location string

param tags object

@description('azd service name from azure.yaml; azd finds the app to deploy by the azd-service-name tag.')
param serviceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityResourceId string

@description('URL of the blob container Flex Consumption deploys the app package to.')
param deploymentContainerUrl string

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('App settings, name to value. Built in main.bicep, the one place the parity test reads them from.')
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    // Flex Consumption is Linux only; reserved: true is how a plan says "Linux".
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // With only a user-assigned identity, the platform must be told which identity resolves
    // @Microsoft.KeyVault(...) app settings; it would otherwise try a system-assigned one.
    keyVaultReferenceIdentity: identityResourceId
    // Flex Consumption keeps runtime, scale and deployment here rather than in app settings or
    // siteConfig (FUNCTIONS_WORKER_RUNTIME, linuxFxVersion, WEBSITE_RUN_FROM_PACKAGE and the
    // content-share settings are deprecated on this plan).
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          // Storage keys are disabled, so the platform fetches the package as the identity.
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// A separate config resource so the full set of settings is replaced on every deployment:
// a setting removed from main.bicep disappears from the app too.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: appSettings
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
