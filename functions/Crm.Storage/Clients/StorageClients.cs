using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Crm.Storage.Clients;

/// <summary>
/// The table and queue service clients of the CRM's storage account, sharing one request
/// counter. Queue messages are base64, as the Functions queue trigger expects by default.
/// </summary>
public sealed class StorageClients
{
    public StorageClients(StorageOptions options, RequestCounter counter)
    {
        Counter = counter;
        var tableOptions = new TableClientOptions();
        counter.AddTo(tableOptions, "table");
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        counter.AddTo(queueOptions, "queue");

        if (options.ConnectionString is { } connectionString)
        {
            Tables = new TableServiceClient(connectionString, tableOptions);
            Queues = new QueueServiceClient(connectionString, queueOptions);
        }
        else
        {
            TokenCredential credential = options.ClientId is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();
            Tables = new TableServiceClient(options.TableServiceUri!, credential, tableOptions);
            Queues = new QueueServiceClient(options.QueueServiceUri!, credential, queueOptions);
        }
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public RequestCounter Counter { get; }
}
