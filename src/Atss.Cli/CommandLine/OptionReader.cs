using System.Globalization;

namespace Atss.Cli.CommandLine;

/// <summary>
/// Walks <c>--name value</c> and <c>--name=value</c> options of one command, in order. Each command asks for the
/// options it knows; anything else is a <see cref="UsageException"/>.
/// </summary>
internal sealed class OptionReader(IReadOnlyList<string> args)
{
    private int _next;
    private string? _inlineValue;

    /// <summary>The option being read (for example <c>--topk</c>), valid after <see cref="MoveNext"/> returned true.</summary>
    public string Name { get; private set; } = "";

    public bool MoveNext()
    {
        if (_inlineValue is not null)
        {
            throw new UsageException($"option {Name} takes no value (got '{_inlineValue}').");
        }

        if (_next >= args.Count)
        {
            return false;
        }

        string token = args[_next++];
        if (!token.StartsWith('-') || token.Length == 1)
        {
            throw new UsageException($"unexpected argument '{token}'; options start with --.");
        }

        int equals = token.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            Name = token[..equals];
            _inlineValue = token[(equals + 1)..];
        }
        else
        {
            Name = token;
        }

        return true;
    }

    /// <summary>The value of the current option (the next argument, or the text after '=').</summary>
    public string Value()
    {
        if (_inlineValue is not null)
        {
            string value = _inlineValue;
            _inlineValue = null;
            return value;
        }

        if (_next >= args.Count)
        {
            throw new UsageException($"option {Name} needs a value.");
        }

        return args[_next++];
    }

    /// <summary>The value of the current option as an integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int IntValue(int min, int max)
    {
        string text = Value();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"option {Name} is '{text}'; expected an integer from {min} to {max}.");
        }

        return value;
    }

    /// <summary>The value of the current option as a 64-bit integer.</summary>
    public long LongValue()
    {
        string text = Value();
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
        {
            throw new UsageException($"option {Name} is '{text}'; expected an integer.");
        }

        return value;
    }

    /// <summary>The value of the current option as a number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public float FloatValue(float min, float max)
    {
        string text = Value();
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !(value >= min && value <= max))
        {
            throw new UsageException($"option {Name} is '{text}'; expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }
}
