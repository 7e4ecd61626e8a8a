// Log Analytics workspace + workspace-based Application Insights with local (key) auth off:
// telemetry is accepted only from Entra identities holding Monitoring Metrics Publisher, which is
// why the app carries APPLICATIONINSIGHTS_AUTHENTICATION_STRING.

param logAnalyticsName string

param applicationInsightsName string

param location string

param tags object

@description('Days Log Analytics keeps the logs (30 is included in the price).')
param logRetentionInDays int = 30

// A plain resource rather than the AVM module: it is this small, and without registry modules the
// whole template compiles on our build machines (.ci/run), which cannot reach the Bicep registry.
resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // No instrumentation-key ingestion: the connection string alone cannot write telemetry, so
    // it is not a secret; the app authenticates with its managed identity instead.
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
