# Helpers shared by the bench/ scripts (sourced, not run).

# Median of the numbers on stdin, one per line; "n/a" when there are none.
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print a[(NR+1)/2]} else {printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}}'; }

# The number after "NAME=" in a key=value line on stdin.
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# One line describing the machine and its load now.
machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"; }
