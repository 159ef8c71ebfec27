using TurbineConsole.Cli;

return await TurbineConsoleCli.InvokeAsync(args, Console.Out, Console.Error);
