using System.Globalization;
using System.Text.Json;

namespace Atss.Cli.Coco;

/// <summary>
/// Reads COCO instance annotations (<c>images</c>, <c>annotations</c>, optional <c>categories</c>) with
/// System.Text.Json. Every problem becomes a <see cref="CocoFormatException"/> whose message names the source and
/// the position: <c>file:line:column</c> for malformed JSON, a JSON path such as <c>$.annotations[12].bbox</c> for
/// a value of the wrong shape.
/// </summary>
internal static class CocoAnnotations
{
    /// <summary>Logical name of the embedded demo file (see Data/README.md).</summary>
    public const string EmbeddedResourceName = "Atss.Cli.Data.coco-val2014-100.json";

    /// <summary>How the embedded file is named in messages and output.</summary>
    public const string EmbeddedDisplayName = "embedded coco-val2014-100.json";

    /// <summary>Reads the embedded 100-image COCO val2014 subset.</summary>
    public static CocoDataset LoadEmbedded()
    {
        using Stream stream = typeof(CocoAnnotations).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new CocoFormatException($"{EmbeddedDisplayName}: the resource {EmbeddedResourceName} is missing from the build.");
        return Read(stream, EmbeddedDisplayName);
    }

    /// <summary>Reads a COCO annotation file.</summary>
    public static CocoDataset Load(string path)
    {
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CocoFormatException($"{path}: cannot open the file: {e.Message}", e);
        }

        using (stream)
        {
            return Read(stream, path);
        }
    }

    /// <summary>Reads COCO JSON from a stream; <paramref name="source"/> names it in messages.</summary>
    public static CocoDataset Read(Stream stream, string source)
    {
        CocoFileJson? file;
        try
        {
            file = JsonSerializer.Deserialize(stream, CocoJsonContext.Default.CocoFileJson);
        }
        catch (JsonException e)
        {
            throw new CocoFormatException(DescribeJsonError(source, e), e);
        }
        catch (IOException e)
        {
            throw new CocoFormatException($"{source}: cannot read the file: {e.Message}", e);
        }

        if (file is null)
        {
            throw Shape(source, "$", "is null; expected a JSON object with \"images\" and \"annotations\"");
        }

        return Convert(file, source);
    }

    private static CocoDataset Convert(CocoFileJson file, string source)
    {
        List<CocoImageJson?> images = file.Images ?? throw Shape(source, "$.images", "is missing; a COCO instances file has an \"images\" array");
        List<CocoAnnotationJson?> annotations = file.Annotations ?? throw Shape(source, "$.annotations", "is missing; a COCO instances file has an \"annotations\" array");

        var byId = new Dictionary<long, int>(images.Count);
        var perImage = new List<CocoAnnotation>[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            string path = $"$.images[{i}]";
            CocoImageJson image = images[i] ?? throw Shape(source, path, "is null; expected an image object");
            long id = image.Id ?? throw Shape(source, path + ".id", "is missing");
            if (!byId.TryAdd(id, i))
            {
                throw Shape(source, path + ".id", $"is {id}, which $.images[{byId[id]}] already uses; image ids must be unique");
            }

            RequirePositive(image.Width, source, path + ".width");
            RequirePositive(image.Height, source, path + ".height");
            perImage[i] = [];
        }

        var categoryIds = new SortedSet<int>();
        bool categoriesListed = file.Categories is not null;
        if (file.Categories is { } categories)
        {
            for (int c = 0; c < categories.Count; c++)
            {
                string path = $"$.categories[{c}]";
                CocoCategoryJson category = categories[c] ?? throw Shape(source, path, "is null; expected a category object");
                int id = category.Id ?? throw Shape(source, path + ".id", "is missing");
                if (!categoryIds.Add(id))
                {
                    throw Shape(source, path + ".id", $"is {id}, which an earlier category already uses; category ids must be unique");
                }
            }
        }

        for (int a = 0; a < annotations.Count; a++)
        {
            string path = $"$.annotations[{a}]";
            CocoAnnotationJson ann = annotations[a] ?? throw Shape(source, path, "is null; expected an annotation object");
            long imageId = ann.ImageId ?? throw Shape(source, path + ".image_id", "is missing");
            if (!byId.TryGetValue(imageId, out int imageIndex))
            {
                throw Shape(source, path + ".image_id", $"is {imageId}, which no entry of $.images has");
            }

            int categoryId = ann.CategoryId ?? throw Shape(source, path + ".category_id", "is missing");
            if (!categoriesListed)
            {
                categoryIds.Add(categoryId);
            }

            double[] bbox = ann.Bbox ?? throw Shape(source, path + ".bbox", "is missing; expected [x, y, width, height]");
            if (bbox.Length != 4)
            {
                throw Shape(source, path + ".bbox", $"has {bbox.Length} numbers; expected 4: [x, y, width, height]");
            }

            for (int k = 0; k < 4; k++)
            {
                // Within float range, so the float32 boxes built from them stay finite.
                if (!(Math.Abs(bbox[k]) <= float.MaxValue / 4))
                {
                    throw Shape(source, $"{path}.bbox[{k}]", $"is {bbox[k].ToString(CultureInfo.InvariantCulture)}; expected a finite coordinate below 8e37 in magnitude");
                }
            }

            if (bbox[2] < 0 || bbox[3] < 0)
            {
                throw Shape(source, path + ".bbox", $"has width {bbox[2].ToString(CultureInfo.InvariantCulture)} and height {bbox[3].ToString(CultureInfo.InvariantCulture)}; both must be >= 0");
            }

            double area = ann.Area ?? (bbox[2] * bbox[3]);
            perImage[imageIndex].Add(new CocoAnnotation(ann.Id ?? 0, categoryId, bbox[0], bbox[1], bbox[2], bbox[3], area, ann.IsCrowd ?? false, ann.Ignore ?? false));
        }

        var result = new CocoImage[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            CocoImageJson image = images[i]!;
            result[i] = new CocoImage(image.Id!.Value, image.Width!.Value, image.Height!.Value, image.FileName, perImage[i]);
        }

        return new CocoDataset(source, result, [.. categoryIds]);
    }

    private static void RequirePositive(int? value, string source, string path)
    {
        if (value is not int v)
        {
            throw Shape(source, path, "is missing");
        }

        if (v <= 0)
        {
            throw Shape(source, path, $"is {v}; expected a positive number of pixels");
        }
    }

    private static CocoFormatException Shape(string source, string path, string problem)
        => new($"{source}: {path} {problem}.");

    // System.Text.Json appends "Path: $.x | LineNumber: 0 | BytePositionInLine: 12." to its messages; lead with the
    // position instead, 1-based as editors show it, and keep the path.
    private static string DescribeJsonError(string source, JsonException e)
    {
        string message = e.Message;
        int suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix < 0)
        {
            suffix = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        (string kind, message) = FriendlyMessage(message.TrimEnd());
        string position = e.LineNumber is long line
            ? $"{source}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}"
            : source;
        string path = string.IsNullOrEmpty(e.Path) ? "" : $" (at {e.Path})";
        return $"{position}: {kind}{path}: {message}";
    }

    // Conversion errors name CLR types ("System.Nullable`1[System.Int32]"); say what the file should hold instead.
    private static (string Kind, string Message) FriendlyMessage(string message)
    {
        const string Conversion = "The JSON value could not be converted to ";
        if (message.StartsWith(Conversion, StringComparison.Ordinal))
        {
            string type = message[Conversion.Length..].TrimEnd('.');
            string expected = type switch
            {
                _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "an integer",
                _ when type.Contains("Double[]", StringComparison.Ordinal) => "an array of numbers",
                _ when type.Contains("Double", StringComparison.Ordinal) => "a number",
                _ when type.Contains("String", StringComparison.Ordinal) => "a string",
                _ when type.Contains("List`1", StringComparison.Ordinal) => "an array",
                _ => "an object",
            };
            return ("unexpected JSON value", $"expected {expected}.");
        }

        // Reader hints such as "Change the reader options." are about the parser's settings, not the file.
        return ("malformed JSON", message.Replace(" Change the reader options.", "", StringComparison.Ordinal));
    }
}
