using System.Text.Json;

namespace Atss.Cli.Coco;

/// <summary>
/// Writes a synthetic COCO instances file in COCO's layout, streamed: <c>info</c>, <c>licenses</c>, <c>images</c>,
/// <c>annotations</c> (polygon segmentations, RLE for crowd boxes, in a scattered image order as in COCO's files) and
/// <c>categories</c> (80 ids out of 1..90). Deterministic for a seed.
/// </summary>
internal static class SyntheticCoco
{
    private static readonly (int Width, int Height)[] s_sizes =
    [
        (640, 480), (480, 640), (640, 427), (427, 640), (500, 375), (375, 500), (640, 640), (612, 612), (640, 360),
    ];

    /// <summary>Writes the file; returns what it holds.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="images">Number of images.</param>
    /// <param name="boxesPerImage">Mean annotations per image (uniform from 0 to twice this).</param>
    /// <param name="seed">Random seed.</param>
    public static Summary Write(Stream stream, int images, int boxesPerImage, int seed)
    {
        var random = new Random(seed);
        int[] categories = CategoryIds();
        var sizes = new byte[images];
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = true });
        json.WriteStartObject();
        json.WriteStartObject("info");
        json.WriteString("description", "Synthetic COCO-format annotations written by 'atss generate'");
        json.WriteNumber("year", 2026);
        json.WriteString("contributor", "atss");
        json.WriteEndObject();
        json.WriteStartArray("licenses");
        for (int l = 1; l <= 8; l++)
        {
            json.WriteStartObject();
            json.WriteNumber("id", l);
            json.WriteString("name", $"Synthetic licence {l}");
            json.WriteString("url", $"https://example.invalid/licence/{l}");
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("images");
        for (int i = 0; i < images; i++)
        {
            sizes[i] = (byte)random.Next(s_sizes.Length);
            (int width, int height) = s_sizes[sizes[i]];
            json.WriteStartObject();
            json.WriteNumber("license", 1 + random.Next(8));
            json.WriteString("file_name", $"{ImageId(i):D12}.jpg");
            json.WriteString("coco_url", $"https://example.invalid/images/{ImageId(i):D12}.jpg");
            json.WriteNumber("height", height);
            json.WriteNumber("width", width);
            json.WriteString("date_captured", "2013-11-14 16:28:13");
            json.WriteNumber("id", ImageId(i));
            json.WriteEndObject();
            FlushSometimes(json, i);
        }

        json.WriteEndArray();

        // Visit images in a scattered order (a multiplicative permutation), as COCO's annotations are not grouped.
        long step = CoprimeStep(images);
        long annotations = 0;
        long crowd = 0;
        json.WriteStartArray("annotations");
        for (long k = 0; k < images; k++)
        {
            int i = (int)(k * step % images);
            (int width, int height) = s_sizes[sizes[i]];
            int count = random.Next(2 * boxesPerImage + 1);
            for (int a = 0; a < count; a++)
            {
                bool isCrowd = random.NextDouble() < 0.02;
                WriteAnnotation(json, random, ImageId(i), ++annotations, width, height, categories[random.Next(categories.Length)], isCrowd);
                crowd += isCrowd ? 1 : 0;
            }

            FlushSometimes(json, k);
        }

        json.WriteEndArray();

        json.WriteStartArray("categories");
        foreach (int id in categories)
        {
            json.WriteStartObject();
            json.WriteString("supercategory", "synthetic");
            json.WriteNumber("id", id);
            json.WriteString("name", $"class {id}");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        return new Summary(images, annotations, crowd, json.BytesCommitted);
    }

    private static void WriteAnnotation(Utf8JsonWriter json, Random random, long imageId, long id, int width, int height, int category, bool isCrowd)
    {
        // Side lengths log-uniform from 4 px to the image's shorter side, so all three COCO sizes occur.
        double side = Math.Exp(Math.Log(4) + (random.NextDouble() * (Math.Log(Math.Min(width, height)) - Math.Log(4))));
        double aspect = Math.Exp((random.NextDouble() * 2.2) - 1.1);
        double w = Math.Min(width, side * Math.Sqrt(aspect));
        double h = Math.Min(height, side / Math.Sqrt(aspect));
        double x = random.NextDouble() * (width - w);
        double y = random.NextDouble() * (height - h);
        (x, y, w, h) = (Math.Round(x, 2), Math.Round(y, 2), Math.Round(w, 2), Math.Round(h, 2));

        json.WriteStartObject();
        if (isCrowd)
        {
            // Run-length "counts" as COCO writes crowd masks.
            json.WriteStartObject("segmentation");
            json.WriteStartArray("counts");
            for (int r = 0; r < 24; r++)
            {
                json.WriteNumberValue(random.Next(1, 400));
            }

            json.WriteEndArray();
            json.WriteStartArray("size");
            json.WriteNumberValue(height);
            json.WriteNumberValue(width);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteStartArray("segmentation");
            json.WriteStartArray();
            for (int v = 0; v < 8; v++)
            {
                double angle = v * Math.PI / 4;
                json.WriteNumberValue(Math.Round(x + (w / 2 * (1 + Math.Cos(angle))), 2));
                json.WriteNumberValue(Math.Round(y + (h / 2 * (1 + Math.Sin(angle))), 2));
            }

            json.WriteEndArray();
            json.WriteEndArray();
        }

        json.WriteNumber("area", Math.Round(w * h * 0.7, 4));
        json.WriteNumber("iscrowd", isCrowd ? 1 : 0);
        json.WriteNumber("image_id", imageId);
        json.WriteStartArray("bbox");
        json.WriteNumberValue(x);
        json.WriteNumberValue(y);
        json.WriteNumberValue(w);
        json.WriteNumberValue(h);
        json.WriteEndArray();
        json.WriteNumber("category_id", category);
        json.WriteNumber("id", id);
        json.WriteEndObject();
    }

    private static long ImageId(int index) => index + 1L;

    // COCO's 80 category ids run from 1 to 90 with gaps.
    private static int[] CategoryIds()
    {
        int[] gaps = [12, 26, 29, 30, 45, 66, 68, 69, 71, 83];
        return [.. Enumerable.Range(1, 90).Where(id => !gaps.Contains(id))];
    }

    private static long CoprimeStep(int n)
    {
        long step = Math.Max(1, (long)(n * 0.618));
        while (Gcd(step, n) != 1)
        {
            step++;
        }

        return step;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    // The writer buffers until flushed; keep that buffer small.
    private static void FlushSometimes(Utf8JsonWriter json, long index)
    {
        if (index % 1024 == 1023)
        {
            json.Flush();
        }
    }

    /// <summary>What a generated file holds.</summary>
    internal readonly record struct Summary(long Images, long Annotations, long CrowdAnnotations, long Bytes);
}
