namespace Atss.Cli.Tests;

/// <summary>1-based line and column of a character index in ASCII text, as the tool reports positions.</summary>
public static class TextPosition
{
    public static string Of(string text, int index)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return $"{line}:{index - lineStart + 1}";
    }
}
