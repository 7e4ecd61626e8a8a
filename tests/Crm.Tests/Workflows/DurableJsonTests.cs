using System.Text;
using Crm.Core.Delivery;
using Crm.Local.Durable;
using Crm.Workflows;

namespace Crm.Tests.Workflows;

/// <summary>
/// One JSON contract for Durable payloads: what Azure's worker writes (its serializer, as
/// Crm.Functions sets it) Crm.Local's engine reads, and the reverse, for every payload the delivery
/// workflow passes; enums travel as camelCase names, not numbers that would break on reordering.
/// </summary>
public sealed class DurableJsonTests
{
    private static readonly BatchRef Batch = new("shop", "c1", 3);

    public static TheoryData<object> Payloads =>
    [
        Batch,
        new BatchStep(Batch, SendStep.Fallback),
        new BatchFailure(Batch, "Solapi answered HTTP 503", SendStep.Send),
        new SendSummary(900, 100, 0, 1000, 100),
        new BatchCompletion(Batch, 960, 40, 0, 60, 1100, 140, "The delivery workflow of batch 3 failed: x"),
        true,
        1234L,
    ];

    private static string WrittenByAzure(object value) => DurableJson.WorkerSerializer.Serialize(value, value.GetType(), default).ToString();

    private static object? ReadByAzure(string json, Type type) => DurableJson.WorkerSerializer.Deserialize(new MemoryStream(Encoding.UTF8.GetBytes(json)), type, default);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_payload_written_by_either_host_reads_back_equal_in_the_other(object payload)
    {
        var type = payload.GetType();

        Assert.Equal(payload, DurableJson.Converter.Deserialize(WrittenByAzure(payload), type));
        Assert.Equal(payload, ReadByAzure(DurableJson.Converter.Serialize(payload)!, type));
        Assert.Equal(payload, ReadByAzure(new CrmJsonDataConverter().Serialize(payload)!, type)); // an input Crm.Local's client wrote
        Assert.Equal(WrittenByAzure(payload), DurableJson.Converter.Serialize(payload));
    }

    [Fact]
    public void Enums_travel_as_camel_case_names()
    {
        var json = DurableJson.Converter.Serialize(new BatchStep(Batch, SendStep.Fallback))!;

        Assert.Contains("\"step\":\"fallback\"", json, StringComparison.Ordinal);
        Assert.Throws<System.Text.Json.JsonException>(() => DurableJson.Converter.Deserialize("""{"batch":{"tenantId":"s","campaignId":"c","batchNumber":1},"step":1}""", typeof(BatchStep)));
    }
}
