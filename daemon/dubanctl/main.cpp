// dubanctl: the command-line client of duband. All of it is in cli.cpp and the command
// files; main only hands over the process's arguments and streams.
#include <iostream>

#include "daemon/dubanctl/cli.h"

int main(int argc, char** argv) { return duban::ctl::RunCli(argc, argv, std::cout, std::cerr); }
