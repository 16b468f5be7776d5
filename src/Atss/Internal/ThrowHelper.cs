using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Atss;

/// <summary>
/// Every argument failure of the public API goes through here, so messages follow one pattern:
/// the parameter, the bad value, and what was expected.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string problem)
        => throw new ArgumentException($"'{paramName}' {problem}", paramName);

    [DoesNotReturn]
    public static void ThrowOutOfRange(string paramName, object value, string expectation)
        => throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture, $"'{paramName}' is {value}; expected {expectation}."));

    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message)
        => throw new InvalidOperationException(message);

    public static void ThrowIfOutOfRange(int value, int min, int max, string paramName)
    {
        if (value < min || value > max)
        {
            ThrowOutOfRange(paramName, value, $"a value in [{min}, {max}]");
        }
    }

    public static void ThrowIfLessThan(int value, int min, string paramName)
    {
        if (value < min)
        {
            ThrowOutOfRange(paramName, value, $">= {min}");
        }
    }

    public static void ThrowIfNull([NotNull] object? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName);
        }
    }

    public static void ThrowIfTooShort(int length, int required, string paramName)
    {
        if (length < required)
        {
            ThrowArgument(paramName, $"has length {length}; it must hold at least {required} elements (one per prior).");
        }
    }
}
