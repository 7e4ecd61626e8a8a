using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// A request body read through its function's limit: reading more than <see cref="Limit"/> bytes
/// throws <see cref="BodyTooLargeException"/>, having read at most one byte past it; a declared
/// Content-Length over the limit fails the first read, before anything is read. A body the server
/// cannot read (it ends before its declared length, or the client breaks off) is the client's
/// fault: a 400 naming "body", not a server error.
/// </summary>
public sealed class LimitedBodyStream(Stream inner, long limit, long? declaredLength = null) : Stream
{
    private long _read;

    public long Limit => limit;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfDeclaredTooLarge();
        try
        {
            return Counted(inner.Read(buffer[..Room(buffer.Length)]));
        }
        catch (IOException)
        {
            throw Unreadable();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfDeclaredTooLarge();
        try
        {
            return Counted(await inner.ReadAsync(buffer[..Room(buffer.Length)], cancellationToken));
        }
        catch (IOException)
        {
            throw Unreadable();
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void ThrowIfDeclaredTooLarge()
    {
        if (declaredLength > limit)
        {
            throw new BodyTooLargeException(limit);
        }
    }

    // One byte past the limit is enough to know the body is larger.
    private int Room(int wanted) => (int)Math.Min(wanted, limit - _read + 1);

    private int Counted(int read)
    {
        _read += read;
        return _read > limit ? throw new BodyTooLargeException(limit) : read;
    }

    private static CrmValidationException Unreadable() =>
        new("body", "The body could not be read to its end: it is shorter than its Content-Length, or the connection broke.");
}
