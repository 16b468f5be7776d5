using System.Text;
using System.Text.Json;
using Atss.Cli.Recipe;
using Atss.Cli.Strategies;

namespace Atss.Cli.Stats;

/// <summary>
/// Writes <c>atss stats --json</c>: the same quantities as the tables, as one JSON object for scripts. Means that are
/// undefined (no boxes) are <c>null</c>; <c>positivesHistogram[n]</c> counts the boxes with exactly n positives.
/// </summary>
internal static class JsonReport
{
    private static readonly (SizeBucket Bucket, string Name, double AreaMin, double AreaMax)[] s_buckets =
    [
        (SizeBucket.Small, "small", 0, SizeBuckets.SmallLimit),
        (SizeBucket.Medium, "medium", SizeBuckets.SmallLimit, SizeBuckets.MediumLimit),
        (SizeBucket.Large, "large", SizeBuckets.MediumLimit, double.PositiveInfinity),
    ];

    public static void Write(TextWriter output, StatsRun run)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "atss stats");
            json.WriteString("annotations", run.Dataset.Source);
            json.WriteNumber("images", run.Dataset.Images.Length);
            json.WriteNumber("annotationsRead", run.Dataset.AnnotationCount);
            json.WriteNumber("categories", run.Dataset.CategoryIds.Length);
            json.WriteNumber("readMilliseconds", Math.Round(run.ReadTime.TotalMilliseconds, 3));
            json.WriteStartArray("strategies");
            for (int c = 0; c < run.Columns.Count; c++)
            {
                WriteStrategy(json, run.Columns[c], run.Statistics[c]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteStrategy(Utf8JsonWriter json, AssignmentColumn column, AssignmentStatistics s)
    {
        json.WriteStartObject();
        json.WriteString("name", column.Name);
        json.WriteString("convention", ConventionNames.Format(column.Recipe.Convention));
        json.WriteString("resize", column.Recipe.Scale.ToString());
        json.WriteString("assigner", column.Setup.Description);
        json.WriteString("pipeline", column.Recipe.PipelineDescription);
        WriteNullable(json, "ignoreIof", column.Setup.IgnoreIof);
        json.WriteString("ignoredPriorsAre", column.Setup.IgnoredPriors);
        json.WriteNumber("images", s.Images);
        json.WriteNumber("imagesWithoutBoxes", s.ImagesWithoutBoxes);
        json.WriteNumber("paddedSizes", column.PriorSetCount);
        json.WriteNumber("boxes", s.Boxes);
        json.WriteNumber("ignoreRegions", s.IgnoreRegions);
        json.WriteNumber("droppedAnnotations", s.DroppedAnnotations);
        json.WriteNumber("priors", s.Priors);
        json.WriteNumber("positives", s.Positives);
        json.WriteNumber("ignoredPriors", s.IgnoredPriors);
        json.WriteNumber("boxesWithoutPositives", s.All.WithoutPositives);
        json.WriteNumber("assignMilliseconds", Math.Round(s.AssignTime.TotalMilliseconds, 3));
        WriteNullable(json, "millisecondsPerImage", s.MillisecondsPerImage);

        json.WriteStartObject("sizes");
        foreach ((SizeBucket bucket, string name, double areaMin, double areaMax) in s_buckets)
        {
            WriteBucket(json, name, areaMin, areaMax, s.Bucket(bucket));
        }

        WriteBucket(json, "all", 0, double.PositiveInfinity, s.All);
        json.WriteEndObject();

        json.WriteStartArray("levels");
        for (int l = 0; l < s.LevelCount; l++)
        {
            json.WriteStartObject();
            json.WriteString("level", LevelNames.Of(s.Strides[l]));
            json.WriteNumber("stride", s.Strides[l]);
            json.WriteNumber("priors", s.LevelPriors(l));
            json.WriteNumber("positives", s.LevelPositives(l));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteBucket(Utf8JsonWriter json, string name, double areaMin, double areaMax, BucketTally t)
    {
        json.WriteStartObject(name);
        json.WriteNumber("areaMin", areaMin);
        WriteNullable(json, "areaMax", areaMax);
        json.WriteNumber("boxes", t.Boxes);
        json.WriteNumber("positives", t.Positives);
        WriteNullable(json, "meanPositives", t.MeanPositives);
        WriteNullable(json, "minPositives", t.Boxes == 0 ? null : t.MinPositives);
        WriteNullable(json, "maxPositives", t.Boxes == 0 ? null : t.MaxPositives);
        json.WriteNumber("boxesWithoutPositives", t.WithoutPositives);
        WriteNullable(json, "meanThreshold", t.MeanThreshold);
        json.WriteStartArray("positivesHistogram");
        foreach (long count in t.Histogram)
        {
            json.WriteNumberValue(count);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // JSON has no NaN or infinity: undefined and unbounded values are null.
    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
