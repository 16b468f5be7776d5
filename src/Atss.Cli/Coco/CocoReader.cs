using System.Globalization;
using System.Text;
using System.Text.Json;
using Atss.Cli.Json;

namespace Atss.Cli.Coco;

/// <summary>
/// Streams a COCO instances file (<c>images</c>, <c>annotations</c>, optional <c>categories</c>; other members are
/// skipped token by token) with <see cref="Utf8JsonReader"/>, never building a document of the file: only compact
/// per-image and per-annotation records are kept (40 bytes per annotation), so memory follows the number of boxes, not
/// the file's size. Array elements are parsed in place; one cut off by the end of the buffer is parsed again after a
/// refill, so the buffer only ever needs to hold one image or annotation whole.
/// </summary>
/// <remarks>
/// Every problem becomes a <see cref="CocoFormatException"/> whose message starts with <c>file:line:column</c>
/// (1-based, columns in bytes), then the JSON path (for example <c>$.annotations[12].bbox</c>) and what was expected.
/// </remarks>
internal sealed class CocoReader
{
    /// <summary>Logical name of the embedded demo file (see Data/README.md).</summary>
    public const string EmbeddedResourceName = "Atss.Cli.Data.coco-val2014-100.json";

    /// <summary>How the embedded file is named in messages and output.</summary>
    public const string EmbeddedDisplayName = "embedded coco-val2014-100.json";

    // Coordinates must stay finite after float32 conversion, scaling and summing.
    private const double MaxCoordinate = float.MaxValue / 4;

    private readonly JsonStream _json;
    private readonly CocoDatasetBuilder _builder;

    private CocoReader(JsonStream json)
    {
        _json = json;
        _builder = new CocoDatasetBuilder(json.Source);
    }

    private enum Section
    {
        Other,
        Images,
        Annotations,
        Categories,
    }

    /// <summary>Reads the embedded 100-image COCO val2014 subset.</summary>
    /// <exception cref="CocoFormatException">The resource is missing or malformed.</exception>
    public static CocoDataset LoadEmbedded()
    {
        using Stream stream = OpenEmbedded();
        return Read(stream, EmbeddedDisplayName);
    }

    /// <summary>Opens the embedded demo file.</summary>
    /// <exception cref="CocoFormatException">The resource is missing from the build.</exception>
    public static Stream OpenEmbedded()
        => typeof(CocoReader).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new CocoFormatException($"{EmbeddedDisplayName}: the resource {EmbeddedResourceName} is missing from the build.");

    /// <summary>Streams a COCO annotation file from disk.</summary>
    /// <param name="path">The file.</param>
    /// <param name="progress">Called as the file is read with (bytes read, file length).</param>
    /// <exception cref="CocoFormatException">The file cannot be opened or read, or is not COCO-shaped JSON.</exception>
    public static CocoDataset Load(string path, Action<long, long>? progress = null)
    {
        FileStream stream;
        try
        {
            // Sequential hint and a small OS buffer: the JSON layer does its own buffering.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CocoFormatException($"{path}: cannot open the file: {e.Message}", e);
        }

        using (stream)
        {
            long length = stream.Length;
            return Read(stream, path, progress is null ? null : bytes => progress(bytes, length));
        }
    }

    /// <summary>Streams COCO JSON; <paramref name="source"/> names the input in messages.</summary>
    /// <param name="stream">The JSON.</param>
    /// <param name="source">A file name or description, used in messages.</param>
    /// <param name="onRead">Called with the bytes read so far, after each read from the stream.</param>
    /// <param name="bufferSize">Initial buffer size (it grows when one element does not fit; small values are for tests).</param>
    /// <exception cref="CocoFormatException">The stream cannot be read, or is not COCO-shaped JSON.</exception>
    public static CocoDataset Read(Stream stream, string source, Action<long>? onRead = null, int bufferSize = JsonStream.DefaultBufferSize)
    {
        JsonStream? json = null;
        try
        {
            json = new JsonStream(stream, source, bufferSize) { OnRead = onRead };
            return new CocoReader(json).ReadFile();
        }
        catch (JsonException e)
        {
            bool atEnd = json is not null && e.LineNumber is long line && json.IsEndOfInput(line + 1, (e.BytePositionInLine ?? 0) + 1);
            throw new CocoFormatException(DescribeJsonError(source, e, atEnd), e);
        }
        catch (IOException e)
        {
            throw new CocoFormatException($"{source}: cannot read the file: {e.Message}", e);
        }
    }

    private CocoDataset ReadFile()
    {
        Utf8JsonReader r = Next();
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw Error(r, "$", $"expected a JSON object with \"images\" and \"annotations\" arrays, found {Describe(r)}.");
        }

        _json.Commit(r);
        while (true)
        {
            r = Next();
            if (r.TokenType == JsonTokenType.EndObject)
            {
                _json.Commit(r);
                break;
            }

            Section section = r.ValueTextEquals("images"u8) ? Section.Images
                : r.ValueTextEquals("annotations"u8) ? Section.Annotations
                : r.ValueTextEquals("categories"u8) ? Section.Categories
                : Section.Other;
            _json.Commit(r);
            if (section == Section.Other)
            {
                SkipValue();
            }
            else
            {
                ReadArray(section);
            }
        }

        // Only whitespace may follow; the reader itself rejects anything else once the input is final.
        if (TryNext(out r))
        {
            throw Error(r, "$", "unexpected content after the top-level object.");
        }

        if (!_builder.SawImages)
        {
            throw new CocoFormatException($"{_json.Source}: $.images is missing; a COCO instances file has an \"images\" array.");
        }

        if (!_builder.SawAnnotations)
        {
            throw new CocoFormatException($"{_json.Source}: $.annotations is missing; a COCO instances file has an \"annotations\" array.");
        }

        return _builder.Build();
    }

    private void ReadArray(Section section)
    {
        string name = section switch
        {
            Section.Images => "images",
            Section.Annotations => "annotations",
            _ => "categories",
        };
        Utf8JsonReader r = Next();
        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw Error(r, "$." + name, $"expected an array, found {Describe(r)}.");
        }

        _json.Commit(r);
        int index = 0;
        while (true)
        {
            r = Next();
            if (r.TokenType == JsonTokenType.EndArray)
            {
                _json.Commit(r);
                break;
            }

            // Parse in place; an element cut off by the end of the buffer is parsed again once more data is in
            // (its records are added only when it is complete).
            bool complete = section switch
            {
                Section.Images => TryParseImage(ref r, index),
                Section.Annotations => TryParseAnnotation(ref r, index),
                _ => TryParseCategory(ref r, index),
            };
            if (!complete)
            {
                _json.Refill();
                continue;
            }

            _json.Commit(r);
            index++;
        }

        switch (section)
        {
            case Section.Images:
                _builder.SawImages = true;
                _builder.ImagesComplete = true;
                break;
            case Section.Annotations:
                _builder.SawAnnotations = true;
                break;
            default:
                _builder.SawCategories = true;
                break;
        }
    }

    /// <returns>False when the buffer ends inside the element (nothing was added; parse it again after a refill).</returns>
    private bool TryParseImage(ref Utf8JsonReader r, int index)
    {
        long start = _json.OffsetOf(r);
        RequireObject(r, new JsonPath("images", index), "an image object");
        long? id = null;
        long idOffset = 0;
        int? width = null;
        int? height = null;
        string? fileName = null;
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }

            if (r.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (r.ValueTextEquals("id"u8))
            {
                if (!r.Read())
                {
                    return false;
                }

                idOffset = _json.OffsetOf(r);
                id = Integer(ref r, new JsonPath("images", index, "id"), "an integer image id");
            }
            else if (r.ValueTextEquals("width"u8))
            {
                if (!r.Read())
                {
                    return false;
                }

                width = Pixels(ref r, new JsonPath("images", index, "width"));
            }
            else if (r.ValueTextEquals("height"u8))
            {
                if (!r.Read())
                {
                    return false;
                }

                height = Pixels(ref r, new JsonPath("images", index, "height"));
            }
            else if (r.ValueTextEquals("file_name"u8))
            {
                if (!r.Read())
                {
                    return false;
                }

                fileName = OptionalString(ref r, new JsonPath("images", index, "file_name"));
            }
            else if (!SkipPropertyValue(ref r))
            {
                return false;
            }
        }

        long imageId = id ?? throw Error(start, new JsonPath("images", index), "has no \"id\"; expected the image's integer id.");
        int w = width ?? throw Error(start, new JsonPath("images", index), "has no \"width\"; expected the width in pixels.");
        int h = height ?? throw Error(start, new JsonPath("images", index), "has no \"height\"; expected the height in pixels.");
        if (!_builder.TryAddImage(imageId, w, h, fileName, out int existing))
        {
            throw Error(idOffset, new JsonPath("images", index, "id"), $"is {imageId}, which $.images[{existing}] already uses; image ids must be unique.");
        }

        return true;
    }

    /// <returns>False when the buffer ends inside the element (nothing was added; parse it again after a refill).</returns>
    private bool TryParseAnnotation(ref Utf8JsonReader r, int index)
    {
        long start = _json.OffsetOf(r);
        RequireObject(r, new JsonPath("annotations", index), "an annotation object");
        long? imageId = null;
        long imageIdOffset = 0;
        int? categoryId = null;
        Span<double> box = stackalloc double[4];
        bool hasBox = false;
        double? area = null;
        bool crowd = false;
        bool ignore = false;
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }

            if (r.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            bool isBox = r.ValueTextEquals("bbox"u8);
            bool isImage = !isBox && r.ValueTextEquals("image_id"u8);
            bool isCategory = !isBox && !isImage && r.ValueTextEquals("category_id"u8);
            bool isArea = !isBox && !isImage && !isCategory && r.ValueTextEquals("area"u8);
            bool isCrowd = !isBox && !isImage && !isCategory && !isArea && r.ValueTextEquals("iscrowd"u8);
            bool isIgnore = !isBox && !isImage && !isCategory && !isArea && !isCrowd && r.ValueTextEquals("ignore"u8);
            if (!(isBox || isImage || isCategory || isArea || isCrowd || isIgnore))
            {
                if (!SkipPropertyValue(ref r))
                {
                    return false;
                }

                continue;
            }

            if (!r.Read())
            {
                return false;
            }

            if (isBox)
            {
                if (!TryReadBbox(ref r, index, box))
                {
                    return false;
                }

                hasBox = true;
            }
            else if (isImage)
            {
                imageIdOffset = _json.OffsetOf(r);
                imageId = Integer(ref r, new JsonPath("annotations", index, "image_id"), "the integer id of an image");
            }
            else if (isCategory)
            {
                categoryId = Int32(ref r, new JsonPath("annotations", index, "category_id"), "an integer category id");
            }
            else if (isArea)
            {
                area = r.TokenType == JsonTokenType.Null ? null : Number(ref r, new JsonPath("annotations", index, "area"), "a number");
            }
            else if (isCrowd)
            {
                crowd = Flag(ref r, new JsonPath("annotations", index, "iscrowd"));
            }
            else
            {
                ignore = Flag(ref r, new JsonPath("annotations", index, "ignore"));
            }
        }

        long owner = imageId ?? throw Error(start, new JsonPath("annotations", index), "has no \"image_id\"; expected the id of the image it annotates.");
        int category = categoryId ?? throw Error(start, new JsonPath("annotations", index), "has no \"category_id\"; expected an integer category id.");
        if (!hasBox)
        {
            throw Error(start, new JsonPath("annotations", index), "has no \"bbox\"; expected [x, y, width, height].");
        }

        (double x, double y, double w, double h) = (box[0], box[1], box[2], box[3]);
        var annotation = new CocoAnnotation(area ?? (w * h), category, (float)x, (float)y, (float)w, (float)h, (float)(x + w), (float)(y + h), crowd, ignore);
        if (_builder.TryGetImageIndex(owner, out int imageIndex))
        {
            _builder.AddAnnotation(annotation, imageIndex);
        }
        else if (_builder.ImagesComplete)
        {
            throw Error(imageIdOffset, new JsonPath("annotations", index, "image_id"), $"is {owner}, which no entry of $.images has.");
        }
        else
        {
            (long line, long column) = _json.PositionOf(imageIdOffset);
            _builder.AddPendingAnnotation(annotation, owner, line, column);
        }

        return true;
    }

    /// <returns>False when the buffer ends inside the element (nothing was added; parse it again after a refill).</returns>
    private bool TryParseCategory(ref Utf8JsonReader r, int index)
    {
        long start = _json.OffsetOf(r);
        RequireObject(r, new JsonPath("categories", index), "a category object");
        int? id = null;
        long idOffset = 0;
        string? name = null;
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }

            if (r.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (r.ValueTextEquals("id"u8))
            {
                if (!r.Read())
                {
                    return false;
                }

                idOffset = _json.OffsetOf(r);
                id = Int32(ref r, new JsonPath("categories", index, "id"), "an integer category id");
            }
            else if (r.ValueTextEquals("name"u8))
            {
                if (!r.Read())
                {
                    return false;
                }

                name = OptionalString(ref r, new JsonPath("categories", index, "name"));
            }
            else if (!SkipPropertyValue(ref r))
            {
                return false;
            }
        }

        int categoryId = id ?? throw Error(start, new JsonPath("categories", index), "has no \"id\"; expected an integer category id.");
        if (!_builder.TryAddCategory(categoryId, name))
        {
            throw Error(idOffset, new JsonPath("categories", index, "id"), $"is {categoryId}, which an earlier category already uses; category ids must be unique.");
        }

        return true;
    }

    /// <summary>Reads <c>[x, y, width, height]</c> into <paramref name="values"/>; false when the buffer ends first.</summary>
    private bool TryReadBbox(ref Utf8JsonReader r, int index, scoped Span<double> values)
    {
        long start = _json.OffsetOf(r);
        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw Error(r, new JsonPath("annotations", index, "bbox"), $"expected [x, y, width, height], found {Describe(r)}.");
        }

        int count = 0;
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }

            if (r.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (count == 4)
            {
                throw Error(r, new JsonPath("annotations", index, "bbox"), "has more than 4 numbers; expected [x, y, width, height].");
            }

            double value = Number(ref r, new JsonPath("annotations", index, "bbox", count), "a number");
            if (!(Math.Abs(value) <= MaxCoordinate))
            {
                throw Error(r, new JsonPath("annotations", index, "bbox", count), $"is {Format(value)}; expected a coordinate below 8e37 in magnitude.");
            }

            values[count++] = value;
        }

        if (count != 4)
        {
            throw Error(start, new JsonPath("annotations", index, "bbox"), $"has {count} numbers; expected 4: [x, y, width, height].");
        }

        if (values[2] < 0 || values[3] < 0)
        {
            throw Error(start, new JsonPath("annotations", index, "bbox"), $"has width {Format(values[2])} and height {Format(values[3])}; both must be >= 0.");
        }

        return true;
    }

    private int Pixels(ref Utf8JsonReader r, JsonPath path)
    {
        long value = Integer(ref r, path, "a positive integer number of pixels");
        if (value is <= 0 or > int.MaxValue)
        {
            throw Error(r, path, $"is {value}; expected a positive integer number of pixels.");
        }

        return (int)value;
    }

    private int Int32(ref Utf8JsonReader r, JsonPath path, string expected)
    {
        long value = Integer(ref r, path, expected);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Error(r, path, $"is {value}; expected {expected} within the 32-bit range.");
        }

        return (int)value;
    }

    // Integers written as 640.0 by some converters are accepted; 640.5 is not.
    private long Integer(ref Utf8JsonReader r, JsonPath path, string expected)
    {
        if (r.TokenType == JsonTokenType.Number)
        {
            if (r.TryGetInt64(out long value))
            {
                return value;
            }

            if (r.TryGetDouble(out double d) && Math.Abs(d) <= 9007199254740992d && d == Math.Floor(d))
            {
                return (long)d;
            }
        }

        throw Error(r, path, $"expected {expected}, found {Describe(r)}.");
    }

    private double Number(ref Utf8JsonReader r, JsonPath path, string expected)
    {
        if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double value) && double.IsFinite(value))
        {
            return value;
        }

        throw Error(r, path, $"expected {expected}, found {Describe(r)}.");
    }

    // COCO writes 0/1; some converters write true/false.
    private bool Flag(ref Utf8JsonReader r, JsonPath path) => r.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False or JsonTokenType.Null => false,
        JsonTokenType.Number when r.TryGetInt64(out long value) => value != 0,
        _ => throw Error(r, path, $"expected 0, 1, true or false, found {Describe(r)}."),
    };

    private string? OptionalString(ref Utf8JsonReader r, JsonPath path)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType != JsonTokenType.String)
        {
            throw Error(r, path, $"expected a string, found {Describe(r)}.");
        }

        try
        {
            return r.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw new CocoFormatException($"{_json.Locate(_json.OffsetOf(r))}: {path}: the string is not valid UTF-8 ({e.Message}).", e);
        }
    }

    private void RequireObject(in Utf8JsonReader r, JsonPath path, string expected)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw Error(r, path, $"expected {expected}, found {Describe(r)}.");
        }
    }

    // After a property name: skips its value; false when the buffer ends before the value does.
    private static bool SkipPropertyValue(ref Utf8JsonReader r) => r.Read() && r.TrySkip();

    /// <summary>Skips one value of any size token by token, refilling the buffer as needed.</summary>
    private void SkipValue()
    {
        Utf8JsonReader r = Next();
        if (r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            _json.Commit(r);
            return;
        }

        int depth = r.CurrentDepth;
        _json.Commit(r);
        while (true)
        {
            r = _json.Reader();
            while (r.Read())
            {
                if (r.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && r.CurrentDepth == depth)
                {
                    _json.Commit(r);
                    return;
                }
            }

            _json.Commit(r);
            _json.Refill();
        }
    }

    private bool TryNext(out Utf8JsonReader reader)
    {
        while (true)
        {
            reader = _json.Reader();
            if (reader.Read())
            {
                return true;
            }

            if (_json.IsFinal)
            {
                return false;
            }

            _json.Refill();
        }
    }

    private Utf8JsonReader Next()
        => TryNext(out Utf8JsonReader reader)
            ? reader
            : throw new CocoFormatException($"{_json.Source}: the file ends before the JSON is complete (truncated?).");

    private CocoFormatException Error(in Utf8JsonReader r, JsonPath path, string problem) => Error(_json.OffsetOf(r), path.ToString(), problem);

    private CocoFormatException Error(long offset, JsonPath path, string problem) => Error(offset, path.ToString(), problem);

    private CocoFormatException Error(in Utf8JsonReader r, string path, string problem) => Error(_json.OffsetOf(r), path, problem);

    private CocoFormatException Error(long offset, string path, string problem) => new($"{_json.Locate(offset)}: {path}: {problem}");

    private static string Describe(in Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.Number => $"the number {Raw(r)}",
        JsonTokenType.String => $"the string \"{Raw(r)}\"",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.PropertyName => $"the member name \"{Raw(r)}\"",
        _ => r.TokenType.ToString(),
    };

    private static string Raw(in Utf8JsonReader r)
    {
        // JsonStream hands the reader one contiguous span, so values never come as sequences.
        ReadOnlySpan<byte> value = r.ValueSpan;
        string text = Encoding.UTF8.GetString(value[..Math.Min(value.Length, 40)]);
        return value.Length > 40 ? text + "..." : text;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // The reader's messages end in "LineNumber: 0 | BytePositionInLine: 12."; lead with file:line:column instead
    // (1-based, as editors show it) and say so when the error is at the very end of the file (truncated).
    private static string DescribeJsonError(string source, JsonException e, bool atEnd)
    {
        string message = e.Message;
        int suffix = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (suffix < 0)
        {
            suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
        }

        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        message = message.TrimEnd().Replace(" Change the reader options.", "", StringComparison.Ordinal);
        if (message.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
        {
            message = "the file ends inside an object or array (truncated?); expected the rest of the JSON.";
        }
        else if (message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            message = "the file holds no JSON; expected a COCO object { \"images\": [...], \"annotations\": [...] }.";
        }
        else if (atEnd)
        {
            message += " The file ends early (truncated?).";
        }

        string position = e.LineNumber is long line ? $"{source}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : source;
        return $"{position}: malformed JSON: {message}";
    }
}
