using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atss.Cli.Coco;

// The subset of the COCO instances schema that target assignment reads. Other members (segmentation, info,
// licenses, ...) are skipped by the deserializer without being materialized, so large files stream cheaply.
// Every member is nullable: CocoAnnotations reports a missing member with its JSON path instead of defaulting it.
internal sealed class CocoFileJson
{
    [JsonPropertyName("images")]
    public List<CocoImageJson?>? Images { get; set; }

    [JsonPropertyName("annotations")]
    public List<CocoAnnotationJson?>? Annotations { get; set; }

    [JsonPropertyName("categories")]
    public List<CocoCategoryJson?>? Categories { get; set; }
}

internal sealed class CocoImageJson
{
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    [JsonPropertyName("width")]
    public int? Width { get; set; }

    [JsonPropertyName("height")]
    public int? Height { get; set; }

    [JsonPropertyName("file_name")]
    public string? FileName { get; set; }
}

internal sealed class CocoAnnotationJson
{
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    [JsonPropertyName("image_id")]
    public long? ImageId { get; set; }

    [JsonPropertyName("category_id")]
    public int? CategoryId { get; set; }

    [JsonPropertyName("bbox")]
    public double[]? Bbox { get; set; }

    [JsonPropertyName("area")]
    public double? Area { get; set; }

    // COCO writes 0/1; some converters write true/false.
    [JsonPropertyName("iscrowd")]
    [JsonConverter(typeof(FlagConverter))]
    public bool? IsCrowd { get; set; }

    // MMDetection honours an optional "ignore" flag (annotations with it set are dropped).
    [JsonPropertyName("ignore")]
    [JsonConverter(typeof(FlagConverter))]
    public bool? Ignore { get; set; }
}

internal sealed class CocoCategoryJson
{
    [JsonPropertyName("id")]
    public int? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

/// <summary>Reads a flag written either as a JSON boolean or as an integer (non-zero = true).</summary>
internal sealed class FlagConverter : JsonConverter<bool?>
{
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt64(out long value) => value != 0,
        _ => throw new JsonException($"expected true, false, 0 or 1, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is bool b)
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false)]
[JsonSerializable(typeof(CocoFileJson))]
internal sealed partial class CocoJsonContext : JsonSerializerContext;
