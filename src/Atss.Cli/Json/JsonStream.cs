using System.Text.Json;

namespace Atss.Cli.Json;

/// <summary>
/// Feeds a <see cref="Utf8JsonReader"/> from a stream through one growing buffer, so a JSON file of any size is read
/// with memory bounded by the largest single value the caller asks to see whole (one COCO image or annotation).
/// Tracks absolute byte offsets and line numbers, so errors can say <c>file:line:column</c>.
/// </summary>
/// <remarks>
/// Usage: <see cref="Reader"/> creates a reader over the unconsumed bytes; after handling tokens, <see cref="Commit"/>
/// marks them consumed; when the reader runs out of data, <see cref="Refill"/> and create a new reader. The reader's
/// state (depth, line number) carries across buffers through <see cref="JsonReaderState"/>.
/// </remarks>
internal sealed class JsonStream
{
    /// <summary>Default initial buffer size; the buffer doubles only when one value does not fit.</summary>
    public const int DefaultBufferSize = 1 << 20;

    private static readonly JsonReaderOptions s_options = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 256 };

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state = new(s_options);
    private long _bufferOffset;
    private long _line = 1;
    private long _lineStart;

    public JsonStream(Stream stream, string source, int bufferSize = DefaultBufferSize)
    {
        _stream = stream;
        Source = source;
        _buffer = new byte[Math.Max(bufferSize, 4)];
        while (_end < 3 && !_final)
        {
            Refill();
        }

        // A UTF-8 byte order mark is not JSON; skip it and count columns after it.
        if (_buffer.AsSpan(_start, _end - _start).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _start = 3;
            _lineStart = 3;
        }
    }

    /// <summary>Names the input in messages (a path or the embedded resource's name).</summary>
    public string Source { get; }

    /// <summary>Bytes read from the stream so far (for progress).</summary>
    public long BytesRead { get; private set; }

    /// <summary>True once the stream is exhausted: the buffer then holds the rest of the input.</summary>
    public bool IsFinal => _final;

    /// <summary>Called after every read from the stream with <see cref="BytesRead"/>.</summary>
    public Action<long>? OnRead { get; set; }

    /// <summary>A reader over the unconsumed bytes, continuing from the last committed state.</summary>
    public Utf8JsonReader Reader() => new(_buffer.AsSpan(_start, _end - _start), _final, _state);

    /// <summary>Marks everything <paramref name="reader"/> consumed as done; the next <see cref="Reader"/> starts after it.</summary>
    public void Commit(in Utf8JsonReader reader)
    {
        int consumed = checked((int)reader.BytesConsumed);
        Advance(consumed);
        _state = reader.CurrentState;
    }

    /// <summary>
    /// Makes more input available: drops consumed bytes, grows the buffer when unconsumed bytes fill it (a single value
    /// larger than the buffer), and reads from the stream. Sets <see cref="IsFinal"/> at the end of the stream.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called after the end of the stream.</exception>
    public void Refill()
    {
        if (_final)
        {
            throw new InvalidOperationException("The whole input is already buffered.");
        }

        int pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _bufferOffset += _start;
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _final = true;
        }

        _end += read;
        BytesRead += read;
        OnRead?.Invoke(BytesRead);
    }

    /// <summary>Absolute byte offset of the token <paramref name="reader"/> (created by <see cref="Reader"/>) is on.</summary>
    public long OffsetOf(in Utf8JsonReader reader) => _bufferOffset + _start + reader.TokenStartIndex;

    /// <summary>
    /// 1-based line and column (in bytes) of an absolute offset at or after the committed position and inside the
    /// buffer (any token of the current reader).
    /// </summary>
    public (long Line, long Column) PositionOf(long offset)
    {
        int relative = checked((int)(offset - _bufferOffset));
        ReadOnlySpan<byte> span = _buffer.AsSpan(_start, Math.Clamp(relative - _start, 0, _end - _start));
        int newlines = span.Count((byte)'\n');
        if (newlines == 0)
        {
            return (_line, offset - _lineStart + 1);
        }

        long lineStart = _bufferOffset + _start + span.LastIndexOf((byte)'\n') + 1;
        return (_line + newlines, offset - lineStart + 1);
    }

    /// <summary>Whether a 1-based line and column is just past the last byte of a fully read input (where a truncated file fails).</summary>
    public bool IsEndOfInput(long line, long column) => _final && PositionOf(_bufferOffset + _end) == (line, column);

    /// <summary>Formats <c>source:line:column</c> for an absolute offset (see <see cref="PositionOf"/>).</summary>
    public string Locate(long offset)
    {
        (long line, long column) = PositionOf(offset);
        return $"{Source}:{line}:{column}";
    }

    // Line tracking stays at the committed position: one vectorized count over every byte, once.
    private void Advance(int consumed)
    {
        ReadOnlySpan<byte> span = _buffer.AsSpan(_start, consumed);
        int newlines = span.Count((byte)'\n');
        if (newlines > 0)
        {
            _line += newlines;
            _lineStart = _bufferOffset + _start + span.LastIndexOf((byte)'\n') + 1;
        }

        _start += consumed;
    }
}
