using TurbineConsole.Pipeline.Replay;

namespace TurbineConsole.Tests.Core.Replay;

public class RecordingReaderTests
{
    private const string Scada = """
        Timestamp,Asset,Site,Wind speed (mph),Power (kW)
        2026-11-01T10:00:02Z,WTG-02,"Paris, Texas",21.5,1400
        2026-11-01T10:00:00Z,WTG-01,"Paris, Texas",20.1,1350
        2026-11-01 10:00:01,WTG-01,"Paris, Texas",19.9,1300
        """;

    [Fact]
    public void A_SCADA_export_is_read_whole_with_its_columns_guessed_in_time_order_other_columns_ignored()
    {
        var (header, rows) = RecordingReader.Preview(new StringReader(Scada), rows: 2);
        var mapping = ColumnMapping.Guess(header);

        var (recording, errors, bad) = RecordingReader.Read(new StringReader(Scada), mapping, "r1", "export.csv");

        Assert.Equal(("Timestamp", "Wind speed (mph)", "Asset", "Site"), (mapping.TimeColumn, mapping.SpeedColumn, mapping.TurbineColumn, mapping.LocationColumn));
        Assert.Equal(2, rows.Count);
        Assert.Equal("Paris, Texas", rows[0][2]);
        Assert.Empty(errors);
        Assert.Equal(0, bad);
        Assert.Equal([20.1, 19.9, 21.5], recording!.Readings.Select(r => r.SpeedMph));
        Assert.Equal([3L, 4L, 2L], recording.Readings.Select(r => r.Seq)); // the line numbers
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 1, TimeSpan.Zero), recording.Readings[1].Timestamp);
        Assert.Equal(["Paris, Texas"], recording.Locations);
    }

    [Fact]
    public void A_file_without_turbine_or_location_columns_takes_the_names_typed_for_it()
    {
        var nab = "timestamp,value\n2013-07-04 00:00:00,69.88\n2013-07-04 01:00:00,71.22\n";
        var mapping = ColumnMapping.Guess(RecordingReader.Preview(new StringReader(nab)).Header) with { FixedLocation = "Lab", FixedTurbine = "LAB-01" };

        var recording = RecordingReader.Read(new StringReader(nab), mapping, "r1", "nab.csv").Recording!;

        Assert.Equal(("value", null, null), (mapping.SpeedColumn, mapping.TurbineColumn, mapping.LocationColumn));
        Assert.All(recording.Readings, r => Assert.Equal(("Lab", "LAB-01"), (r.Location, r.Turbine)));
    }

    [Fact]
    public void Every_bad_line_is_named_with_what_is_wrong_and_nothing_is_imported()
    {
        var text = """
            time,turbine,location,speed
            2026-11-01T10:00:00Z,T1,Chicago,20
            yesterday,T1,Chicago,20
            2026-11-01T10:00:02Z,T1,Chicago,fast
            2026-11-01T10:00:03Z,T1,Chicago,-3
            2026-11-01T10:00:04Z,T<1>,Chicago,20
            2026-11-01T10:00:05Z,T1,Chicago
            2026-11-01T10:00:06Z,T1,"Chicago,20
            """;

        var (recording, errors, bad) = RecordingReader.Read(new StringReader(text), ColumnMapping.Guess(["time", "turbine", "location", "speed"]), "r1", "x.csv");

        Assert.Null(recording);
        Assert.Equal(6, bad);
        Assert.Equal(
            [
                "Line 3: time 'yesterday' is not a time (use ISO 8601, such as 2026-12-02T10:00:00Z).",
                "Line 4: speed 'fast' is not a number.",
                "Line 5: speed -3 is outside 0 to 300 mph.",
                "Line 6: turbine 'T<1>' contains '<' (U+003C) at position 2; a name may hold letters, digits, single spaces and -_.,'()#/&+:.",
                "Line 7: it has 3 fields; the header has 4.",
                "Line 8: a quoted field is not closed.",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_mapping_to_a_column_the_file_lacks_is_refused_naming_the_columns_it_has()
    {
        var mapping = new ColumnMapping { TimeColumn = "time", SpeedColumn = "wind", FixedTurbine = "T1", FixedLocation = "" };

        var (recording, errors, _) = RecordingReader.Read(new StringReader("time,speed\n2026-11-01T10:00:00Z,3\n"), mapping, "r1", "x.csv");

        Assert.Null(recording);
        Assert.Equal(
            ["Line 1: The speed column 'wind' is not in the header (time, speed).", "Line 1: Without a location column, the location name must be 1 to 128 characters and not blank."],
            errors.Select(e => e.ToString()));
    }
}
