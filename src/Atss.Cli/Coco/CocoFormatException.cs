namespace Atss.Cli.Coco;

/// <summary>An annotation file that cannot be read: unreadable, malformed JSON, or not in the COCO shape.</summary>
/// <remarks>The message starts with the source and the position (<c>file:line:column</c> or a JSON path), ready to print.</remarks>
internal sealed class CocoFormatException : Exception
{
    public CocoFormatException()
    {
    }

    public CocoFormatException(string message)
        : base(message)
    {
    }

    public CocoFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
