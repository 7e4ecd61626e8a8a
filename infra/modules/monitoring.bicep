// Log Analytics workspace + workspace-based Application Insights with local (key) auth off:
// telemetry is accepted only from Entra identities holding Monitoring Metrics Publisher, which is
// why the app carries APPLICATIONINSIGHTS_AUTHENTICATION_STRING.

param logAnalyticsName string

param applicationInsightsName string

param location string

param tags object

@description('Days Log Analytics keeps the logs (30 is included in the price).')
param logRetentionInDays int = 30

// AVM module; its name, location, tags and dataRetention parameters and its resourceId output are
// the ones the Azure-Samples Flex Consumption quickstarts use with this same version.
module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'crm-log-analytics'
  params: {
    name: logAnalyticsName
    location: location
    tags: tags
    dataRetention: logRetentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.outputs.resourceId
    // No instrumentation-key ingestion: the connection string alone cannot write telemetry, so
    // it is not a secret; the app authenticates with its managed identity instead.
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
