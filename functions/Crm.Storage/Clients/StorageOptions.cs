namespace Crm.Storage.Clients;

/// <summary>
/// Where the CRM's tables and queues are, read from the "Storage" setting: either a connection
/// string (Azurite: UseDevelopmentStorage=true) or, in Azure, Storage__tableServiceUri and
/// Storage__queueServiceUri with a managed identity (Storage__credential=managedidentity,
/// Storage__clientId for a user-assigned one), the same form the Functions host uses.
/// </summary>
public sealed record StorageOptions
{
    public string? ConnectionString { get; init; }

    public Uri? TableServiceUri { get; init; }

    public Uri? QueueServiceUri { get; init; }

    public string? ClientId { get; init; }

    public static StorageOptions FromSettings(Func<string, string?> setting, string name = "Storage")
    {
        var connectionString = setting(name);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageOptions { ConnectionString = connectionString };
        }

        var table = setting($"{name}:tableServiceUri");
        var queue = setting($"{name}:queueServiceUri");
        if (string.IsNullOrWhiteSpace(table) || string.IsNullOrWhiteSpace(queue))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {name} to a connection string, or {name}__tableServiceUri and {name}__queueServiceUri for a managed identity.");
        }

        return new StorageOptions
        {
            TableServiceUri = new Uri(table),
            QueueServiceUri = new Uri(queue),
            ClientId = setting($"{name}:clientId"),
        };
    }
}
