"""The app's screens: welcome, question, results, and the dialogs."""
