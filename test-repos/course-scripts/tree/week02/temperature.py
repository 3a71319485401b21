# Convert temperatures between Celsius and Fahrenheit


def c_to_f(c):
    return c * 9 / 5 + 32


def f_to_c(f):
    return (f - 32) * 5 / 9


choice = input("Convert (1) C to F or (2) F to C? ")
value = float(input("Temperature: "))
if choice == "1":
    print(round(c_to_f(value), 1), "F")
else:
    print(round(f_to_c(value), 1), "C")
