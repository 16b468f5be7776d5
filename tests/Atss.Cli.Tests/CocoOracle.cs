using System.Text.Json;
using Atss.Cli.Coco;

namespace Atss.Cli.Tests;

/// <summary>
/// An independent reading of a COCO file with <see cref="JsonDocument"/> (fine for small files): what the streaming
/// reader must produce, and where tests take expected values from instead of hard-coding them.
/// </summary>
public sealed class CocoOracle
{
    private CocoOracle(List<OracleImage> images, int annotationCount)
    {
        Images = images;
        AnnotationCount = annotationCount;
    }

    public IReadOnlyList<OracleImage> Images { get; }

    public int AnnotationCount { get; }

    public static CocoOracle Embedded()
    {
        using Stream stream = CocoReader.OpenEmbedded();
        return Read(stream);
    }

    public static CocoOracle Read(string path)
    {
        using FileStream stream = System.IO.File.OpenRead(path);
        return Read(stream);
    }

    public static CocoOracle Read(Stream stream)
    {
        using JsonDocument document = JsonDocument.Parse(stream);
        JsonElement root = document.RootElement;
        var images = new List<OracleImage>();
        var byId = new Dictionary<long, OracleImage>();
        foreach (JsonElement image in root.GetProperty("images").EnumerateArray())
        {
            var o = new OracleImage(
                image.GetProperty("id").GetInt64(),
                image.GetProperty("width").GetInt32(),
                image.GetProperty("height").GetInt32(),
                image.TryGetProperty("file_name", out JsonElement name) ? name.GetString() : null,
                []);
            images.Add(o);
            byId.Add(o.Id, o);
        }

        int count = 0;
        foreach (JsonElement annotation in root.GetProperty("annotations").EnumerateArray())
        {
            double[] bbox = [.. annotation.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble())];
            bool crowd = annotation.TryGetProperty("iscrowd", out JsonElement c) && c.GetInt32() != 0;
            double area = annotation.TryGetProperty("area", out JsonElement a) ? a.GetDouble() : bbox[2] * bbox[3];
            byId[annotation.GetProperty("image_id").GetInt64()].Annotations.Add(
                new OracleAnnotation(annotation.GetProperty("category_id").GetInt32(), bbox, area, crowd));
            count++;
        }

        return new CocoOracle(images, count);
    }

    public OracleImage Image(long id) => Images.Single(i => i.Id == id);
}

public sealed record OracleImage(long Id, int Width, int Height, string? FileName, List<OracleAnnotation> Annotations);

public sealed record OracleAnnotation(int CategoryId, double[] Bbox, double Area, bool IsCrowd);
