using System.Globalization;

namespace Atss;

/// <summary>Input checks shared by the generators and assigners; all run before any output is written.</summary>
internal static class Validation
{
    /// <summary>Rejects NaN, infinite or huge (beyond <see cref="PriorAssigner.MaxCoordinate"/>) coordinates and inverted boxes, naming the first bad index.</summary>
    public static void ValidateBoxes(ReadOnlySpan<Box> boxes, string paramName)
    {
        for (int i = 0; i < boxes.Length; i++)
        {
            Box b = boxes[i];
            if (!b.IsFinite)
            {
                ThrowHelper.ThrowArgument(paramName, string.Create(CultureInfo.InvariantCulture,
                    $"has a NaN or infinite coordinate at index {i}: [{b.X1}, {b.Y1}, {b.X2}, {b.Y2}]; coordinates must be finite."));
            }

            if (Math.Max(Math.Max(Math.Abs(b.X1), Math.Abs(b.Y1)), Math.Max(Math.Abs(b.X2), Math.Abs(b.Y2))) > PriorAssigner.MaxCoordinate)
            {
                ThrowHelper.ThrowArgument(paramName, string.Create(CultureInfo.InvariantCulture,
                    $"has a coordinate beyond +-{PriorAssigner.MaxCoordinate} at index {i}: [{b.X1}, {b.Y1}, {b.X2}, {b.Y2}]."));
            }

            if (!b.IsOrdered)
            {
                ThrowHelper.ThrowArgument(paramName, string.Create(CultureInfo.InvariantCulture,
                    $"has an inverted box at index {i}: [{b.X1}, {b.Y1}, {b.X2}, {b.Y2}]; expected x2 >= x1 and y2 >= y1."));
            }
        }
    }

    /// <summary>Class labels must be >= 0: negative values are reserved for "no label" in the outputs.</summary>
    public static void ValidateLabels(ReadOnlySpan<int> labels, string paramName)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                ThrowHelper.ThrowArgument(paramName, $"has label {labels[i]} at index {i}; labels must be >= 0 (negative values mean no label in the outputs).");
            }
        }
    }

    /// <summary>Generator base anchors must be finite, ordered and within <see cref="PriorAssigner.MaxCoordinate"/>; blames the parameter that made them.</summary>
    public static void ValidateBaseAnchors(ReadOnlySpan<Box> anchors, string paramName)
    {
        foreach (Box b in anchors)
        {
            bool bounded = Math.Max(Math.Max(Math.Abs(b.X1), Math.Abs(b.Y1)), Math.Max(Math.Abs(b.X2), Math.Abs(b.Y2))) <= PriorAssigner.MaxCoordinate;
            if (!b.IsFinite || !b.IsOrdered || !bounded)
            {
                ThrowHelper.ThrowArgument(paramName, string.Create(CultureInfo.InvariantCulture,
                    $"gives the base anchor [{b.X1}, {b.Y1}, {b.X2}, {b.Y2}]; anchors must be finite, non-inverted and within +-{PriorAssigner.MaxCoordinate}."));
            }
        }
    }

    /// <summary>Anchors per location are bounded so that per-level counts cannot overflow.</summary>
    public const int MaxAnchorsPerLocation = 4096;

    public static void ValidatePositiveStrides(ReadOnlySpan<int> strides, string paramName)
    {
        if (strides.IsEmpty)
        {
            ThrowHelper.ThrowArgument(paramName, "is empty; expected one stride per FPN level.");
        }

        for (int i = 0; i < strides.Length; i++)
        {
            if (strides[i] <= 0)
            {
                ThrowHelper.ThrowArgument(paramName, $"has stride {strides[i]} at level {i}; strides must be > 0.");
            }
        }
    }

    public static void ValidatePositiveFinite(ReadOnlySpan<double> values, string paramName)
    {
        if (values.IsEmpty)
        {
            ThrowHelper.ThrowArgument(paramName, "is empty; expected at least one value.");
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || values[i] <= 0)
            {
                ThrowHelper.ThrowArgument(paramName, string.Create(CultureInfo.InvariantCulture,
                    $"has value {values[i]} at index {i}; values must be finite and > 0."));
            }
        }
    }

    /// <summary>Checks feature-map sizes and returns the total prior count, rejecting totals no array can hold.</summary>
    public static int ValidateFeatureMaps(ReadOnlySpan<FeatureMapSize> sizes, int levelCount, int anchorsPerLocation, string paramName)
    {
        if (sizes.Length != levelCount)
        {
            ThrowHelper.ThrowArgument(paramName, $"has {sizes.Length} levels; the generator has {levelCount} strides.");
        }

        long total = 0;
        for (int l = 0; l < sizes.Length; l++)
        {
            if (sizes[l].Height < 0 || sizes[l].Width < 0)
            {
                ThrowHelper.ThrowArgument(paramName, $"has size {sizes[l].Height}x{sizes[l].Width} at level {l}; sizes must be >= 0.");
            }

            total += (long)sizes[l].Height * sizes[l].Width * anchorsPerLocation;
            if (total > Array.MaxLength)
            {
                ThrowHelper.ThrowArgument(paramName, $"describes more than {Array.MaxLength} priors (level {l}: {sizes[l].Height}x{sizes[l].Width} x {anchorsPerLocation} anchors).");
            }
        }

        return (int)total;
    }

    /// <summary>Generated coordinates must stay finite and within <see cref="PriorAssigner.MaxCoordinate"/>, like caller boxes.</summary>
    public static void ValidateReach(double reach, int level)
    {
        if (!(reach <= PriorAssigner.MaxCoordinate))
        {
            ThrowHelper.ThrowArgument(GridTiler.FeatureMapSizesName, string.Create(CultureInfo.InvariantCulture,
                $"with the generator's strides, ratios and scales gives level {level} coordinates up to {reach:G3}; priors must stay within +-{PriorAssigner.MaxCoordinate}."));
        }
    }

    public static void ValidateImageSize(int paddedHeight, int paddedWidth)
    {
        if (paddedHeight < 0)
        {
            ThrowHelper.ThrowOutOfRange(nameof(paddedHeight), paddedHeight, ">= 0");
        }

        if (paddedWidth < 0)
        {
            ThrowHelper.ThrowOutOfRange(nameof(paddedWidth), paddedWidth, ">= 0");
        }
    }
}
