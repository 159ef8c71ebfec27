namespace TurbineConsole.Pipeline.Replay;

/// <summary>Lines of comma-separated values (RFC 4180: fields in double quotes may hold commas and doubled quotes).</summary>
internal static class CsvText
{
    /// <summary>The fields of one line, or null when a quoted field is not closed.</summary>
    public static List<string>? Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
            return null;
        fields.Add(field.ToString().Trim());
        return fields;
    }
}
