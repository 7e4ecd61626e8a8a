using System.Text.Json;
using Crm.Core.Common;
using DurableTask.Core.Serializing;

namespace Crm.Local.Durable;

/// <summary>
/// The Durable Task Framework's client writes orchestration inputs with this, so they are the
/// same JSON the SDK's shim reads back (<see cref="Crm.Workflows.DurableJson"/>): CrmJson's options.
/// </summary>
internal sealed class CrmJsonDataConverter : DataConverter
{
    public override string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), CrmJson.Options);

    public override string? Serialize(object? value, bool formatted) => Serialize(value);

    public override object? Deserialize(string? data, Type objectType) => data is null ? null : JsonSerializer.Deserialize(data, objectType, CrmJson.Options);
}
