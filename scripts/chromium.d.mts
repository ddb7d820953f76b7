export declare function chromiumPath(): string
export declare function chromiumLaunchOptions(): {
  executablePath: string
  ignoreDefaultArgs: string[]
  args: string[]
}
