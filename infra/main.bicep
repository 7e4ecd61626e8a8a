// CRM Functions on Azure: one Flex Consumption function app (.NET 10 isolated worker, Durable
// Functions) with one storage account, a user-assigned identity, Application Insights on Log
// Analytics, and a Key Vault for provider credentials. Deployed into an existing resource group by
// `azd up`, `az deployment group create`, or the pipelines (.github/workflows/ci.yml,
// azure-pipelines.yml). See infra/README.md.
//
// .ci/run compiles this file with the Bicep CLI from NuGet (no registry modules, so it works offline), and
// tests/Crm.Tests/Parity/SettingsParityTests.cs reads this file as text. Keep `appSettings`,
// `crmTableNames` and `crmQueueNames` as literal blocks: the test parses them.

targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Environment name (azd: AZURE_ENV_NAME). Seeds the resource names and the azd-env-name tag.')
param environmentName string

@description('Region for every resource. It must offer Flex Consumption (koreacentral does).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string = resourceGroup().location

@description('Memory per instance in MB. 2048 is the platform default; 512 costs less per second for light loads; 4096 gives each instance more CPU and concurrency.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to. 40 is the lowest maximum Flex Consumption documents, 1000 the highest. Every instance polls the queues and talks to the one storage account, so this also caps storage traffic.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('NCRONTAB (six fields, UTC: Linux plans ignore WEBSITE_TIME_ZONE) for the due-campaign sweep. Same default as local.settings.sample.json; the parity test checks it.')
param dueCampaignsSchedule string = '0 * * * * *'

@description('NCRONTAB (six fields, UTC) for the nightly re-extraction of every group (G2): 01:00 KST is 16:00 UTC of the day before.')
param nightlyReextractSchedule string = '0 0 16 * * *'

@description('NCRONTAB (six fields, UTC) for the daily points expiry (R3): 00:10 KST is 15:10 UTC of the day before.')
param pointsExpirySchedule string = '0 10 15 * * *'

@description('NCRONTAB (six fields, UTC) for the daily D-3 points notices (R4), sent at a civil hour: 10:00 KST is 01:00 UTC.')
param pointsNoticeSchedule string = '0 0 1 * * *'

@description('NCRONTAB (six fields) for sending batched points change notices (R2): every 10 seconds, so a notice follows its change within seconds.')
param pointsChangeNoticeSchedule string = '*/10 * * * * *'

@description('NCRONTAB (six fields, UTC) for the reconciliation that settles batches whose delivery workflow failed or vanished: every 5 minutes.')
param reconcileBatchesSchedule string = '0 */5 * * * *'

@description('The sending provider: "Sandbox" records messages instead of sending them; "Solapi" sends through Solapi and needs its two secrets in the Key Vault (see below).')
@allowed([
  'Sandbox'
  'Solapi'
])
param messagingProvider string = 'Sandbox'

@description('The card payment gateway for wallet top-ups. "Sandbox" moves no money (it approves every card token not starting with "decline") and is the only gateway the code knows today.')
param paymentProvider string = 'Sandbox'

@description('Storage redundancy. LRS for dev; ZRS keeps campaigns, outcomes and queued batches through a zone outage.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Days a deleted Key Vault or secret stays recoverable (7-90). Fixed when the vault is created.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 7

@description('Key Vault purge protection. Irreversible once on, so keep it off for throwaway environments.')
param keyVaultEnablePurgeProtection bool = false

// Provider credentials live in the Key Vault, never in Bicep or a parameter file. The pattern (Solapi follows it):
//   1. Put the credential in the vault out of band:
//        az keyvault secret set --vault-name <KEY_VAULT_NAME output> --name solapi-api-key --value <...>
//        az keyvault secret set --vault-name <KEY_VAULT_NAME output> --name solapi-api-secret --value <...>
//   2. Name the secret in a parameter (below).
//   3. Add an app setting that is a Key Vault reference (see appSettings). The platform resolves it with
//      the app's identity (Key Vault Secrets User), so the app sees the value as an ordinary setting
//      while the setting itself holds only the secret's URI. An unresolved reference reaches the app as
//      its own text; with MessagingProvider=Solapi the app then refuses to start, naming the setting.
//   4. Add the setting name to Crm.Core.Functions.SettingNames and local.settings.sample.json, or
//      SettingsParityTests fails.

@description('Key Vault secret holding the Solapi API key (read only when messagingProvider is Solapi).')
param solapiApiKeySecretName string = 'solapi-api-key'

@description('Key Vault secret holding the Solapi API secret, the HMAC-SHA256 signing key (read only when messagingProvider is Solapi).')
param solapiApiSecretSecretName string = 'solapi-api-secret'

@description('Solapi API base URL. Same default as local.settings.sample.json.')
param solapiBaseUrl string = 'https://api.solapi.com'

@description('Key Vault secret holding the secret in the delivery report webhook URL (POST /api/delivery-reports/{secret}); set Solapi\'s webhook to that URL. Create it before the first deploy: without it every report call is refused.')
param deliveryReportsSecretName string = 'delivery-reports-secret'

@description('How long an AlimTalk/FriendTalk step waits for its delivery reports before refunds and fallback (hh:mm:ss). Kakao reports in seconds.')
param deliveryReportsKakaoWindow string = '00:05:00'

@description('How long an SMS/LMS/MMS step or a fallback waits for its delivery reports (hh:mm:ss); later reports are taken in as late reports.')
param deliveryReportsMessageWindow string = '00:10:00'

@description('How often a waiting step reads its provider group when no report webhook wakes it (hh:mm:ss).')
param deliveryReportsPollInterval string = '00:00:15'

@description('How long the sandbox provider takes to report a message (hh:mm:ss); used only while messagingProvider is Sandbox.')
param sandboxReportDelay string = '00:00:03'

@description('How late a cohort event run missed while the app was down may still be sent (hh:mm:ss); older runs are recorded as missed.')
param cohortEventsMissedRunGrace string = '01:00:00'

@description('B7: URL of the external campaign tool that receives linked cohort event runs; empty keeps the recording sandbox.')
param externalCampaignsUrl string = ''

@description('Key Vault secret holding the HMAC-SHA256 key that signs runs posted to externalCampaignsUrl; needed only when that URL is set.')
param externalCampaignsSecretName string = 'external-campaigns-secret'

var resourceToken = toLower(uniqueString(resourceGroup().id, environmentName, location))

var tags = {
  'azd-env-name': environmentName
  application: 'crm-functions'
}

// The service name in azure.yaml: azd deploys to the resource tagged azd-service-name=crm.
var serviceName = 'crm'

var deploymentContainerName = 'app-package'

// Crm.Storage.Clients.TableNames.All, created here rather than only at app start (the app's
// StorageInitializer still creates missing ones; both are idempotent).
var crmTableNames = [
  'Tenants'
  'Campaigns'
  'CampaignDue'
  'CampaignRecipients'
  'Batches'
  'Outcomes'
  'Wallets'
  'Customers'
  'Groups'
  'GroupMembers'
  'OptOuts'
  'Points'
  'RewardPolicies'
  'PointsChangeNotices'
  'SandboxGroups'
  'Cohorts'
  'CohortPeople'
]

// The queues of FunctionCatalog's queue triggers, each with the "-poison" queue the host moves a
// message to after host.json's maxDequeueCount (5) failed attempts.
var crmQueueNames = [
  'campaign-dispatch'
  'campaign-dispatch-poison'
  'delivery-batches'
  'delivery-batches-poison'
  'delivery-reports'
  'delivery-reports-poison'
  'points-expiry'
  'points-expiry-poison'
  'points-expiry-notices'
  'points-expiry-notices-poison'
]

// The app's identity for storage, deployment, telemetry and Key Vault references. A plain resource
// rather than the AVM module: it is this small, and without registry modules the whole template
// compiles on our build machines (.ci/run), which cannot reach the Bicep registry.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-crm-${resourceToken}'
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  name: 'crm-storage'
  params: {
    name: 'stcrm${resourceToken}'
    location: location
    tags: tags
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
    tableNames: crmTableNames
    queueNames: crmQueueNames
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'crm-monitoring'
  params: {
    logAnalyticsName: 'log-crm-${resourceToken}'
    applicationInsightsName: 'appi-crm-${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'crm-key-vault'
  params: {
    name: 'kv-crm-${resourceToken}'
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    enablePurgeProtection: keyVaultEnablePurgeProtection
  }
}

module roleAssignments 'modules/role-assignments.bicep' = {
  name: 'crm-role-assignments'
  params: {
    principalId: identity.properties.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

// Every app setting, with the names of local.settings.sample.json. "A__b" is key b of section A.
// No value here is a secret: storage is reached by identity, the Application Insights
// connection string cannot ingest without an Entra token (local auth is off), and provider
// credentials are Key Vault references (URIs, resolved by the platform).
// FUNCTIONS_WORKER_RUNTIME is deliberately absent: on Flex Consumption it is replaced by
// functionAppConfig.runtime.name (modules/function-app.bicep) and listed as deprecated in the
// Functions app settings reference ("Flex Consumption plan deprecations").
var appSettings = {
  // The Functions host and Durable's task hub (host.json: storageProvider.connectionName).
  // Identity-based: credential + clientId select the user-assigned identity; Durable needs the
  // queue and table endpoints as well as blob.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint

  // The CRM's tables and queues, connection "Storage" (SettingNames.Storage). Locally it is a
  // connection string; here the identity-based form, read both by the queue triggers
  // (Connection = "Storage") and by Crm.Storage's StorageOptions.FromSettings.
  Storage__credential: 'managedidentity'
  Storage__clientId: identity.properties.clientId
  Storage__tableServiceUri: storage.outputs.tableEndpoint
  Storage__queueServiceUri: storage.outputs.queueEndpoint

  DueCampaignsSchedule: dueCampaignsSchedule
  NightlyReextractSchedule: nightlyReextractSchedule
  PointsExpirySchedule: pointsExpirySchedule
  PointsNoticeSchedule: pointsNoticeSchedule
  PointsChangeNoticeSchedule: pointsChangeNoticeSchedule
  ReconcileBatchesSchedule: reconcileBatchesSchedule
  MessagingProvider: messagingProvider
  PaymentProvider: paymentProvider

  // Crm.Local-only (Crm.Functions never reads it). Set to 'false' on purpose so every name in
  // SettingNames exists here and Azure can never seed a demo tenant, even if seeding moves into
  // shared code later. The parity test relies on it being present.
  SeedDemoTenant: 'false'

  // Solapi (MessagingProvider=Solapi): credentials as Key Vault references (step 3 above), never values.
  Solapi__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${solapiApiKeySecretName}/)'
  Solapi__ApiSecret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${solapiApiSecretSecretName}/)'
  Solapi__BaseUrl: solapiBaseUrl

  // Delivery reports: the webhook's secret as a Key Vault reference; the windows and polling as parameters.
  DeliveryReports__Secret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${deliveryReportsSecretName}/)'
  DeliveryReports__KakaoWindow: deliveryReportsKakaoWindow
  DeliveryReports__MessageWindow: deliveryReportsMessageWindow
  DeliveryReports__PollInterval: deliveryReportsPollInterval
  Sandbox__ReportDelay: sandboxReportDelay

  // Cohort events (B1-B7): the grace for missed runs; the external campaign tool's URL and its
  // signing key as a Key Vault reference (read only while the URL is set).
  CohortEvents__MissedRunGrace: cohortEventsMissedRunGrace
  ExternalCampaigns__Url: externalCampaignsUrl
  ExternalCampaigns__Secret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${externalCampaignsSecretName}/)'

  // Telemetry with Entra auth: Application Insights rejects unauthenticated ingestion, so the
  // SDK signs in as the user-assigned identity (Monitoring Metrics Publisher).
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
}

module functionApp 'modules/function-app.bicep' = {
  name: 'crm-function-app'
  params: {
    name: 'func-crm-${resourceToken}'
    planName: 'plan-crm-${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityResourceId: identity.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
  }
  // Create the app after its roles are assigned, so the first cold start rarely meets 403s from
  // storage (role assignments can still take a few minutes to propagate; the host retries).
  dependsOn: [
    roleAssignments
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_HOSTNAME string = functionApp.outputs.defaultHostName
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URI string = keyVault.outputs.uri
