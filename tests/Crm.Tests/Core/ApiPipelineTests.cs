using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Audiences;
using Crm.Core.Common;
using Crm.Core.Functions;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace Crm.Tests.Core;

public sealed class ApiPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ApiResponse> OptOut(Stream body) =>
        ApiErrors.HandleAsync(async () =>
        {
            await ApiBody.ReadAsync<OptOutRequest>(body, Ct);
            return new ApiResponse(200, null);
        });

    [Fact]
    public async Task An_endless_body_is_a_413_naming_the_limit_after_reading_one_byte_past_it()
    {
        var endless = new EndlessStream();

        var response = await OptOut(ApiPipeline.LimitBody(FunctionCatalog.RecordOptOut, endless, declaredLength: null));

        Assert.Equal(413, response.StatusCode);
        Assert.Equal("The body is larger than the 65,536 bytes this route reads.", Assert.Single(Assert.IsType<ProblemDetails>(response.Body).Errors!["body"]));
        Assert.Equal(BodyLimits.Object + 1, endless.BytesRead);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_a_413_before_anything_is_read()
    {
        var endless = new EndlessStream();

        var response = await OptOut(ApiPipeline.LimitBody(FunctionCatalog.SubmitCampaign, endless, declaredLength: BodyLimits.Campaign + 1));

        Assert.Equal(413, response.StatusCode);
        Assert.Equal(0, endless.BytesRead);
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_read()
    {
        var json = """{ "phone": "010-1234-5678" }""";
        var body = Encoding.UTF8.GetBytes(json.PadRight((int)BodyLimits.Object));

        var response = await OptOut(ApiPipeline.LimitBody(FunctionCatalog.RecordOptOut, new MemoryStream(body), body.Length));

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task A_function_that_reads_no_body_refuses_one_it_is_made_to_read()
    {
        var response = await OptOut(ApiPipeline.LimitBody(FunctionCatalog.GetWallet, new MemoryStream("{}"u8.ToArray()), 2));

        Assert.Equal(413, response.StatusCode);
    }

    [Fact]
    public async Task A_command_that_needs_no_body_still_takes_an_empty_object()
    {
        var response = await OptOut(ApiPipeline.LimitBody(FunctionCatalog.CancelCampaign, new MemoryStream("""{ "phone": "010-1234-5678" }"""u8.ToArray()), null));

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public void Every_post_or_put_of_the_catalog_reads_a_body_and_no_get_or_delete_does()
    {
        var http = FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Http).ToList();

        Assert.All(http.Where(f => f.Method is "post" or "put"), f => Assert.True(BodyLimits.For(f.Name) >= BodyLimits.Object, f.Name));
        Assert.All(http.Where(f => f.Method is "get" or "delete"), f => Assert.Equal(0, BodyLimits.For(f.Name)));
        Assert.Equal(BodyLimits.Customers, BodyLimits.For(FunctionCatalog.UpsertCohortPeople));
    }

    [Fact]
    public async Task A_body_that_breaks_off_is_a_400_not_a_server_error()
    {
        var response = await OptOut(ApiPipeline.LimitBody(FunctionCatalog.RecordOptOut, new BrokenStream(), 100));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("body", Assert.IsType<ProblemDetails>(response.Body).Errors!.Keys);
    }

    [Fact]
    public void An_unhandled_error_is_a_500_with_a_trace_id_and_nothing_of_the_error_and_is_logged_with_that_id()
    {
        var log = new ListLogger<ApiPipeline>();
        var error = new InvalidOperationException("Table CrmCampaigns refused key tenant/1 at Crm.Storage.Campaigns.TableCampaignStore");

        var response = new ApiPipeline(log).Unhandled(FunctionCatalog.SubmitCampaign, "4bf92f3577b34da6a3ce929d0e0e4736", error);

        Assert.Equal(500, response.StatusCode);
        var problem = Assert.IsType<ProblemDetails>(response.Body);
        Assert.Equal(("4bf92f3577b34da6a3ce929d0e0e4736", 500), (problem.TraceId, problem.Status));
        var text = JsonSerializer.Serialize(response.Body, CrmJson.Options);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Crm.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CrmCampaigns", text, StringComparison.Ordinal);
        var entry = Assert.Single(log.Entries);
        Assert.Equal((LogLevel.Error, 9100), (entry.Level, entry.Id.Id));
        Assert.Contains("4bf92f3577b34da6a3ce929d0e0e4736", entry.Message, StringComparison.Ordinal);
        Assert.Same(error, entry.Exception);
    }

    [Fact]
    public void The_trace_id_is_the_current_activitys_so_it_matches_the_request_telemetry()
    {
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        Assert.Equal(activity.TraceId.ToHexString(), ApiPipeline.NewTraceId());
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)' ');
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class BrokenStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("Unexpected end of request content.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("Unexpected end of request content.");
    }
}
