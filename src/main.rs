fn main() -> std::process::ExitCode {
    vpcanvas::cli::main()
}
